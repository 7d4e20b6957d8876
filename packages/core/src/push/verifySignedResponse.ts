import { createPublicKey } from 'node:crypto';
import { GcisError, type GcisErrorCode } from '../errors.js';
import { oids } from '../x509/lib/oids.js';
import { verifySignature } from '../x509/lib/verifySignature.js';
import { parseCertificate, type ParsedCert } from '../x509/parseCertificate.js';
import { parseMoicaIdentity, type MoicaIdentity } from '../x509/parseMoicaIdentity.js';
import { verifyCertificatePath, type TrustInputs } from '../x509/verifyCertificatePath.js';
import { matchesHashedIdNum } from './hashIdNum.js';
import { signInfoBytes } from './pushSignData.js';
import type { SignInfo } from './types.js';

export type VerifySignedResponseOptions = {
  /** signed_response from ATH-02: the bare signature, base64 (sign_type PKCS#1). */
  signedResponse: string;
  /** cert from ATH-02, DER. */
  certificate: Uint8Array;
  /** The sign_info this server sent: the signature must be over exactly these bytes. */
  signInfo: SignInfo;
  /** The national ID this server started the request for: whom the answer must be from. */
  nationalId: string;
  hashedIdNum: string;
  /** Refuse unless hashed_id_num is the hex SHA-256 of `nationalId` (no public source defines it); default false. */
  verifyHashedIdNum?: boolean;
  /** Refuse a certificate that does not carry the card profile (CN, serialNumber, the ID's last 4 digits); default false. */
  requireCardProfile?: boolean;
} & Omit<TrustInputs, 'policy'>;

export type SignedResponseResult =
  | {
      ok: true;
      certificate: ParsedCert;
      /** The card profile the certificate carries, if it carries one. */
      identity: MoicaIdentity | undefined;
      /** Where the holder's identity came from: the certificate's last 4 digits, or the transaction alone. */
      identitySource: 'certificate' | 'transaction';
      /** Whether hashed_id_num is the hex SHA-256 of the ID (recorded when not verified). */
      hashedIdNumMatches: boolean;
    }
  | { ok: false; code: GcisErrorCode; message: string };

/**
 * Whether a phone's answer approves this login: the certificate's path to a trust anchor is
 * valid at `at` (RFC 5280 §6.1, keyUsage digitalSignature — the same verifyCertificatePath as
 * certificate login), the signature over the sent sign data verifies under the certificate's key
 * (RSA PKCS#1 v1.5 or ECDSA, SHA-256) — always. Whose answer it is: a certificate that carries
 * the card profile (MOICA: the ID's last 4 digits in Subject Directory Attributes) must name
 * `nationalId`; one that carries none is taken as the holder the service pushed to — the ID this
 * server itself sent — unless `requireCardProfile`. hashed_id_num is compared, and refused on a
 * difference only with `verifyHashedIdNum`. Rejections are results with a stable code; misuse throws.
 */
export function verifySignedResponse(options: VerifySignedResponseOptions): SignedResponseResult {
  const { signedResponse, signInfo, nationalId, hashedIdNum, at, trustAnchors, intermediates, crls, revocation } = options;
  const { verifyHashedIdNum = false, requireCardProfile = false } = options;
  if (signInfo.sign_type !== 'PKCS#1' || (signInfo.hash_algorithm ?? 'SHA256') !== 'SHA256') {
    throw new GcisError('ERR_INVALID_INPUT', 'Only PKCS#1 with SHA-256 sign data is verified here.');
  }
  let certificate: ParsedCert;
  try {
    certificate = parseCertificate(options.certificate);
  } catch {
    return fail('ERR_PUSH_SIGNATURE', 'The certificate in the answer is malformed.');
  }
  if (trustAnchors.length === 0) return fail('ERR_CERT_UNTRUSTED', 'No trust anchor is configured for mobile certificates.');
  const path = verifyCertificatePath({ leaf: certificate, intermediates, trustAnchors, crls, at, revocation, requireEndEntity: true });
  if (!path.ok) return fail(path.code, path.message);

  const signature = new Uint8Array(Buffer.from(signedResponse, 'base64'));
  const check = verifySignature(algorithmFor(certificate), signInfoBytes(signInfo), signature, certificate.spkiDer);
  if (check.status === 'invalid') return fail('ERR_PUSH_SIGNATURE', 'The signature does not verify under the certificate.');
  if (check.status === 'unsupported') return fail('ERR_PUSH_SIGNATURE', `The signature cannot be checked: ${check.reason}.`);

  const carried = readCarriedIdentity(certificate);
  if (carried.kind === 'unreadable' || (carried.kind === 'none' && requireCardProfile)) {
    return fail('ERR_PUSH_IDENTITY', 'The certificate does not carry the citizen card profile (CN, serialNumber, the ID\'s last 4 digits).');
  }
  if (carried.kind === 'card' && carried.identity.idLast4 !== nationalId.trim().slice(-4)) {
    return fail('ERR_PUSH_IDENTITY', 'The certificate belongs to someone else.');
  }
  const hashedIdNumMatches = matchesHashedIdNum(hashedIdNum, nationalId);
  if (verifyHashedIdNum && !hashedIdNumMatches) return fail('ERR_PUSH_IDENTITY', "The service's hashed_id_num is not the SHA-256 of this ID.");
  return carried.kind === 'card'
    ? { ok: true, certificate, identity: carried.identity, identitySource: 'certificate', hashedIdNumMatches }
    : { ok: true, certificate, identity: undefined, identitySource: 'transaction', hashedIdNumMatches };
}

/** DER of OID 2.16.886.1.100.2.51 (the ID's last 4 digits): whether a certificate claims them at all. */
const idLast4Oid = Buffer.from('060760867601640233', 'hex');

/**
 * The card profile when the certificate carries it; `none` when it has no trace of the ID's
 * digits (a profile no public sample shows for mobile certificates); `unreadable` when it claims
 * them but they cannot be read — a claim that cannot be checked is refused, never skipped.
 */
function readCarriedIdentity(certificate: ParsedCert): { kind: 'card'; identity: MoicaIdentity } | { kind: 'none' } | { kind: 'unreadable' } {
  try {
    return { kind: 'card', identity: parseMoicaIdentity(certificate) };
  } catch {
    const claims = certificate.extensions.some((e) => e.oid === oids.subjectDirectoryAttributes && Buffer.from(e.value).includes(idLast4Oid));
    return claims ? { kind: 'unreadable' } : { kind: 'none' };
  }
}

/** RSA keys sign PKCS#1 v1.5 and EC keys ECDSA, both over SHA-256 — what the algorithm identifier would say. */
function algorithmFor(certificate: ParsedCert) {
  let type: string | undefined;
  try {
    type = createPublicKey({ key: Buffer.from(certificate.spkiDer), format: 'der', type: 'spki' }).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  return { oid: type === 'ec' ? oids.ecdsaWithSHA256 : oids.sha256WithRSA, parameters: undefined, der: new Uint8Array() };
}

const fail = (code: GcisErrorCode, message: string): SignedResponseResult => ({ ok: false, code, message });
