import { createPublicKey } from 'node:crypto';
import { GcisError, type GcisErrorCode } from '../errors.js';
import { oids } from '../x509/lib/oids.js';
import { verifySignature } from '../x509/lib/verifySignature.js';
import { parseCertificate, type ParsedCert } from '../x509/parseCertificate.js';
import { parseMoicaIdentity, type MoicaIdentity } from '../x509/parseMoicaIdentity.js';
import { verifyCertificatePath, type CertificateInput, type CrlInput, type RevocationMode } from '../x509/verifyCertificatePath.js';
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
  /** The national ID the request was for; the certificate and hashed_id_num must name it. */
  nationalId: string;
  hashedIdNum: string;
  at: Date;
  trustAnchors: readonly CertificateInput[];
  intermediates?: readonly CertificateInput[];
  crls?: readonly CrlInput[];
  revocation: RevocationMode;
};

export type SignedResponseResult =
  | { ok: true; certificate: ParsedCert; identity: MoicaIdentity }
  | { ok: false; code: GcisErrorCode; message: string };

/**
 * Whether a phone's answer approves this login: the certificate's path to a trust anchor is
 * valid at `at` (RFC 5280 §6.1, keyUsage digitalSignature — the same verifyCertificatePath as
 * certificate login), the signature over the sent sign data verifies under the certificate's key
 * (RSA PKCS#1 v1.5 or ECDSA, SHA-256), and the certificate and hashed_id_num belong to
 * `nationalId` (MOICA profile: the ID's last 4 digits in Subject Directory Attributes).
 * Rejections are results with a stable code; misuse throws.
 */
export function verifySignedResponse(options: VerifySignedResponseOptions): SignedResponseResult {
  const { signedResponse, signInfo, nationalId, hashedIdNum, at, trustAnchors, intermediates, crls, revocation } = options;
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

  let identity: MoicaIdentity;
  try {
    identity = parseMoicaIdentity(certificate);
  } catch {
    return fail('ERR_PUSH_IDENTITY', 'The certificate is not a citizen certificate (MOICA profile).');
  }
  if (identity.idLast4 !== nationalId.slice(-4) || !matchesHashedIdNum(hashedIdNum, nationalId)) {
    return fail('ERR_PUSH_IDENTITY', 'The certificate belongs to someone else.');
  }
  return { ok: true, certificate, identity };
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
