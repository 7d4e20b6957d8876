import { createHash } from 'node:crypto';
import { GcisError, type GcisErrorCode } from '../errors.js';
import { equalBytes } from './lib/der.js';
import { oids } from './lib/oids.js';
import { readSignedData } from './lib/readSignedData.js';
import { readSigningCertificateV2 } from './lib/readSigningCertificateV2.js';
import type { CertPathErrorCode } from './lib/result.js';
import { verifySignerInfo, verifySignerPath } from './lib/verifySignerInfo.js';
import type { ParsedCert } from './parseCertificate.js';
import { parseMoicaIdentity } from './parseMoicaIdentity.js';
import type { TrustInputs } from './verifyCertificatePath.js';

export type VerifyDocumentSignatureOptions = {
  /** The document, for a detached signature; for an attached one, if given, it must equal the carried content. */
  content?: Uint8Array;
  /** When the certificate path must be valid: normally now (no trusted timestamp vouches for signing-time). */
} & TrustInputs;

export type DocumentSignatureErrorCode = CertPathErrorCode | Extract<GcisErrorCode, 'ERR_SIGNATURE_MALFORMED' | 'ERR_SIGNATURE_INVALID'>;

/** Who signed: the MOICA fields when the certificate has them (name, last 4 ID digits). */
export type DocumentSigner = {
  subject: string;
  name: string | undefined;
  idLast4: string | undefined;
  issuer: string;
  serialHex: string;
  thumbprintSha256: string;
};

export type DocumentSignatureResult =
  | { ok: true; signer: DocumentSigner; signingTime: Date; content: Uint8Array; detached: boolean; path: ParsedCert[] }
  | { ok: false; code: DocumentSignatureErrorCode; message: string };

/**
 * Verifies a document signature (RFC 5652 §5.6), attached or detached: one SignerInfo whose
 * certificate is in the SignedData, content-type id-data, message-digest = SHA-256 of the
 * content, the signature over the signed attributes, signing-certificate-v2 (RFC 5035 §5.4) —
 * when present — naming that very certificate, then the certificate path at `at` (RFC 5280 §6.1,
 * keyUsage digitalSignature, CRLs as `revocation` says). Rejections are results with a stable
 * code; misuse throws.
 */
export function verifyDocumentSignature(signature: Uint8Array, options: VerifyDocumentSignatureOptions): DocumentSignatureResult {
  const { content, at, trustAnchors, intermediates = [], crls = [], revocation } = options;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  let checked: ReturnType<typeof checkCms>;
  try {
    checked = checkCms(signature, content);
  } catch (error) {
    if (error instanceof GcisError && error.code === 'ERR_INVALID_INPUT') return fail('ERR_SIGNATURE_MALFORMED', error.message);
    throw error;
  }
  if ('code' in checked) return checked;
  const { certificate, extraCertificates, signingTime, signed, detached } = checked;
  const path = verifySignerPath({ certificate, extraCertificates }, { at, trustAnchors, intermediates, crls, revocation });
  if (!path.ok) return path;
  return { ok: true, signer: describeSigner(certificate), signingTime, content: signed, detached, path: path.path };
}

function checkCms(der: Uint8Array, given: Uint8Array | undefined) {
  const parts = readSignedData(der, { allowDetached: true });
  if (parts.eContent && given && !equalBytes(parts.eContent, given)) {
    return fail('ERR_SIGNATURE_INVALID', 'The signature carries a document different from the one given.');
  }
  const signed = parts.eContent ?? given;
  if (!signed) return fail('ERR_SIGNATURE_MALFORMED', 'The signature is detached: give the signed document too.');
  const verified = verifySignerInfo(parts, signed);
  if ('code' in verified) return verified;
  const { certificate, attributes, extraCertificates } = verified;
  if (attributes.signingCertificateV2) {
    const ess = readSigningCertificateV2(attributes.signingCertificateV2);
    if (ess.hashOid !== oids.sha256) return fail('ERR_SIGNATURE_INVALID', `signing-certificate-v2 hash ${ess.hashOid} is not accepted; use SHA-256.`);
    const hash = createHash('sha256').update(certificate.der).digest();
    if (!equalBytes(hash, ess.certHash) || (ess.serialHex !== undefined && ess.serialHex !== certificate.serialHex)) {
      return fail('ERR_SIGNATURE_INVALID', 'signing-certificate-v2 names another certificate than the signer’s.');
    }
  }
  return { certificate, extraCertificates, signingTime: attributes.signingTime, signed, detached: !parts.eContent };
}

function describeSigner(certificate: ParsedCert): DocumentSigner {
  let moica: { name: string; idLast4: string } | undefined;
  try {
    moica = parseMoicaIdentity(certificate);
  } catch (error) {
    // Not a citizen certificate: the subject says who signed.
    if (!(error instanceof GcisError && error.code === 'ERR_INVALID_INPUT')) throw error;
  }
  const { subject, issuer, serialHex, thumbprintSha256 } = certificate;
  return { subject, name: moica?.name, idLast4: moica?.idLast4, issuer, serialHex, thumbprintSha256 };
}

const fail = (code: DocumentSignatureErrorCode, message: string) => ({ ok: false as const, code, message });
