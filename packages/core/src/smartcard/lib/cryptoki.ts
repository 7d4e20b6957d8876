import type * as Pkcs11Js from 'pkcs11js';

/** The pkcs11js namespace (constants, classes); loaded lazily, it is a native addon. */
export type Pkcs11Namespace = typeof Pkcs11Js;
/** A loaded PKCS#11 module and the namespace its constants come from. */
export type Cryptoki = { ck: Pkcs11Namespace; lib: Pkcs11Js.PKCS11 };
export type Handle = Pkcs11Js.Handle;

/** The CKR_* number of a pkcs11js Pkcs11Error, else undefined. */
export function ckrCode(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'Pkcs11Error') return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'number' ? code : undefined;
}

/**
 * Runs `work` between C_Initialize and C_Finalize (PKCS#11 v2.40 §5.4), so every operation sees
 * the cards present now (and SoftHSM re-reads SOFTHSM2_CONF from the environment).
 */
export async function withCryptoki<T>({ ck, lib }: Cryptoki, work: () => Promise<T>): Promise<T> {
  let ownsInitialization = true;
  try {
    lib.C_Initialize();
  } catch (error) {
    // Someone else in this process initialised the module: use it, and leave finalising to them.
    if (ckrCode(error) !== ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
    ownsInitialization = false;
  }
  try {
    return await work();
  } finally {
    if (ownsInitialization) quietly(() => lib.C_Finalize());
  }
}

/** Runs a cleanup call whose failure must not hide the error (or result) already on its way. */
export function quietly(cleanup: () => void): void {
  try {
    cleanup();
  } catch {
    // nothing to add: the session or module is going away anyway
  }
}

export type PresentToken = { slot: Handle; slotId: string; reader: string; label: string; serial: string; flags: number };

/** Slots holding an initialised token; a blank or unreadable card holds nothing to sign with. */
export function presentTokens({ ck, lib }: Cryptoki): PresentToken[] {
  return lib.C_GetSlotList(true).flatMap((slot) => {
    let token: Pkcs11Js.TokenInfo;
    try {
      token = lib.C_GetTokenInfo(slot);
    } catch (error) {
      if (ckrCode(error) === undefined) throw error;
      return []; // e.g. CKR_TOKEN_NOT_RECOGNIZED: a bank card in the reader
    }
    if ((token.flags & ck.CKF_TOKEN_INITIALIZED) === 0) return [];
    const reader = lib.C_GetSlotInfo(slot).slotDescription.trim();
    return [{ slot, slotId: handleToId(slot), reader, label: token.label.trim(), serial: token.serialNumber.trim(), flags: token.flags }];
  });
}

/** A CK_ULONG handle (native byte order, little-endian on the platforms HiCOS ships for) in decimal. */
function handleToId(handle: Handle): string {
  return BigInt(`0x${Buffer.from(handle).reverse().toString('hex') || '0'}`).toString();
}

/** Every object matching `template` (C_FindObjectsInit … C_FindObjectsFinal). */
export function findObjects({ lib }: Cryptoki, session: Handle, template: Pkcs11Js.Template): Handle[] {
  lib.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (let batch = lib.C_FindObjects(session, 16); batch.length > 0; batch = lib.C_FindObjects(session, 16)) {
      found.push(...batch);
    }
    return found;
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

/** One byte-string attribute of an object (CKA_VALUE, CKA_ID, CKA_LABEL). */
export function readAttribute({ lib }: Cryptoki, session: Handle, object: Handle, type: number): Buffer {
  const [attribute] = lib.C_GetAttributeValue(session, object, [{ type }]);
  return Buffer.isBuffer(attribute?.value) ? attribute.value : Buffer.alloc(0);
}
