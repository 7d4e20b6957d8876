import { GcisError } from '../errors.js';
import { ckrCode, quietly } from './lib/cryptoki.js';
import { loadCryptoki, namingModule } from './lib/loadCryptoki.js';
import { assertPinFormat, moicaPinLength } from './lib/pin.js';
import { toGcisError } from './lib/pkcs11Errors.js';
import { closeKeySession, openKeySession, signWithKey } from './lib/signOnToken.js';
import type { CardCertificate, PinLength } from './types.js';

export type Pkcs11SessionOptions = {
  certificate: CardCertificate;
  pin: string;
  /** As createPkcs11Signer: the module, else `env.GCIS_PKCS11_MODULE`, else the usual paths. */
  modulePath?: string;
  env?: Record<string, string | undefined>;
  /** What the caller calls `modulePath` in messages (the CLI: `--pkcs11-module`). */
  optionName?: string;
  pinLength?: PinLength;
};

/** A PKCS#11 session kept logged in to sign many times with one certificate's key. */
export type Pkcs11Session = {
  certificate: CardCertificate;
  /** SHA-256 signature as Signer.sign makes it; calls run one at a time. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Whether the card is still in the reader: the token in the slot still has the card's serial. */
  cardPresent(): boolean;
  /** Logs out, closes the session and unloads the module. */
  close(): Promise<void>;
};

/**
 * Logs in to the card holding `certificate` once and keeps the session (PKCS#11 v2.40 §5.6),
 * for the agent: C_Initialize … C_Finalize span the whole life of the session, unlike
 * createPkcs11Signer's one-operation sessions. The PIN is tried once; a card removed later makes
 * sign fail with ERR_NO_CARD.
 */
export async function openPkcs11Session({ certificate, pin, modulePath, env = process.env, optionName, pinLength = moicaPinLength }: Pkcs11SessionOptions): Promise<Pkcs11Session> {
  assertPinFormat(pin, pinLength);
  const { cryptoki, module } = await loadCryptoki({ modulePath, env, ...(optionName && { optionName }) });
  const { ck, lib } = cryptoki;
  let key: ReturnType<typeof openKeySession>;
  try {
    lib.C_Initialize();
    key = openKeySession(cryptoki, certificate, pin);
  } catch (error) {
    quietly(() => lib.C_Finalize());
    quietly(() => lib.close());
    throw namingModule(module, toGcisError(ck, error, 'Opening the card'));
  }
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    certificate,
    sign(data) {
      const run = queue.then(async () => {
        if (closed) throw new GcisError('ERR_USAGE', 'The card session is closed');
        return signWithKey(cryptoki, key, data).catch((error: unknown) => {
          throw toGcisError(ck, error, 'Signing on the card');
        });
      });
      queue = run.catch(() => undefined);
      return run;
    },
    cardPresent() {
      try {
        return lib.C_GetTokenInfo(key.slot).serialNumber.trim() === certificate.tokenSerial;
      } catch (error) {
        if (ckrCode(error) === undefined) throw error;
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      closeKeySession(cryptoki, key);
      quietly(() => lib.C_Finalize());
      quietly(() => lib.close());
    },
  };
}
