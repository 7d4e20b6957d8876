import { createHash } from 'node:crypto';
import { GcisError } from '../../errors.js';
import type { CardCertificate, SignRequest } from '../types.js';
import { findObjects, presentTokens, quietly, readAttribute, type Cryptoki, type Handle } from './cryptoki.js';
import { ecdsaRawToDer } from './ecdsaSignature.js';
import { loginOnce } from './loginOnce.js';

/** A logged-in session on the card and the private key of one certificate, ready to sign. */
export type KeySession = { slot: Handle; session: Handle; key: Handle; loggedIn: boolean; mechanism: Mechanism; keyType: CardCertificate['keyType'] };

/**
 * Signs on the card that holds `certificate`: checks the card and certificate are still there,
 * logs in once, finds the private key by the certificate's CKA_ID and signs with SHA-256.
 */
export async function signOnToken(cryptoki: Cryptoki, { certificate, data, pin }: SignRequest): Promise<Uint8Array> {
  const opened = openKeySession(cryptoki, certificate, pin);
  try {
    return await signWithKey(cryptoki, opened, data);
  } finally {
    closeKeySession(cryptoki, opened);
  }
}

/**
 * Opens a session on the card holding `certificate` and logs in with `pin` (once, never again).
 * Every check that needs no PIN comes before C_Login, so a wrong card never costs a PIN try.
 */
export function openKeySession(cryptoki: Cryptoki, certificate: CardCertificate, pin: string): KeySession {
  const { ck, lib } = cryptoki;
  const token = presentTokens(cryptoki).find((candidate) =>
    certificate.tokenSerial ? candidate.serial === certificate.tokenSerial : candidate.slotId === certificate.slotId,
  );
  if (!token) throw new GcisError('ERR_NO_CARD', `The card ${certificate.tokenSerial || certificate.tokenLabel} is not in a reader`);
  const keyId = Buffer.from(certificate.keyId, 'hex');
  const session = lib.C_OpenSession(token.slot, ck.CKF_SERIAL_SESSION);
  let loggedIn = false;
  try {
    assertCertificateOnCard(cryptoki, session, keyId, certificate);
    const mechanism = chooseMechanism(cryptoki, token.slot, certificate.keyType);
    loggedIn = loginOnce(cryptoki, token.slot, session, pin);
    const [key] = findObjects(cryptoki, session, [
      { type: ck.CKA_CLASS, value: ck.CKO_PRIVATE_KEY },
      { type: ck.CKA_ID, value: keyId },
    ]);
    if (!key) throw new GcisError('ERR_CARD_CERT_NOT_FOUND', `The card has no private key for the certificate ${certificate.keyId}`);
    return { slot: token.slot, session, key, loggedIn, mechanism, keyType: certificate.keyType };
  } catch (error) {
    closeKeySession(cryptoki, { session, loggedIn });
    throw error;
  }
}

/** One signature in an open key session: PKCS#1 v1.5 for RSA, DER ECDSA-Sig-Value for EC. */
export async function signWithKey({ lib }: Cryptoki, { session, key, mechanism, keyType }: KeySession, data: Uint8Array): Promise<Uint8Array> {
  lib.C_SignInit(session, { mechanism: mechanism.type }, key);
  // Async: a card takes about a second to sign, and the event loop (spinners, Ctrl-C) keeps running.
  const signature = await lib.C_SignAsync(session, Buffer.from(mechanism.input(data)), Buffer.alloc(1024));
  return keyType === 'EC' ? ecdsaRawToDer(signature) : new Uint8Array(signature);
}

export function closeKeySession({ lib }: Cryptoki, { session, loggedIn }: Pick<KeySession, 'session' | 'loggedIn'>): void {
  if (loggedIn) quietly(() => lib.C_Logout(session));
  quietly(() => lib.C_CloseSession(session));
}

function assertCertificateOnCard(cryptoki: Cryptoki, session: Handle, keyId: Buffer, certificate: CardCertificate): void {
  const { ck } = cryptoki;
  const candidates = findObjects(cryptoki, session, [
    { type: ck.CKA_CLASS, value: ck.CKO_CERTIFICATE },
    { type: ck.CKA_ID, value: keyId },
  ]);
  const wanted = Buffer.from(certificate.certificate);
  if (!candidates.some((object) => readAttribute(cryptoki, session, object, ck.CKA_VALUE).equals(wanted))) {
    throw new GcisError('ERR_CARD_CERT_NOT_FOUND', `The certificate "${certificate.subject}" is not on the card in the reader`);
  }
}

type Mechanism = { type: number; input: (data: Uint8Array) => Uint8Array };

/**
 * CKM_SHA256_RSA_PKCS for RSA; CKM_ECDSA_SHA256 for EC when the token has it, else CKM_ECDSA
 * over a SHA-256 computed here (SoftHSM 2.6 lacks the combined mechanism; the hash is not secret).
 */
function chooseMechanism({ ck, lib }: Cryptoki, slot: Handle, keyType: CardCertificate['keyType']): Mechanism {
  if (keyType === 'RSA') return { type: ck.CKM_SHA256_RSA_PKCS, input: (data) => data };
  if (lib.C_GetMechanismList(slot).includes(ck.CKM_ECDSA_SHA256)) return { type: ck.CKM_ECDSA_SHA256, input: (data) => data };
  return { type: ck.CKM_ECDSA, input: (data) => createHash('sha256').update(data).digest() };
}
