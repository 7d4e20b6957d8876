import { createHash } from 'node:crypto';
import type { GcisErrorCode } from '../../errors.js';
import { idData } from '../../lib/loginSignatureOids.js';
import { parseCertificate, type ParsedCert } from '../parseCertificate.js';
import type { AlgorithmIdentifier } from './algorithm.js';
import { equalBytes } from './der.js';
import { oids } from './oids.js';
import { readSignedAttributes, type SignedAttributes } from './readSignedAttributes.js';
import type { SignerInfoParts } from './readSignedData.js';
import { verifySignature } from './verifySignature.js';
import { verifyCertificatePath, type TrustInputs } from '../verifyCertificatePath.js';

export type SignerFailure = { ok: false; code: Extract<GcisErrorCode, 'ERR_SIGNATURE_MALFORMED' | 'ERR_SIGNATURE_INVALID'>; message: string };
export type VerifiedSigner = { certificate: ParsedCert; attributes: SignedAttributes; extraCertificates: ParsedCert[] };

/** SHA-256 signatures only, as MOICA cards make them (RFC 5754 §3.2–3.3); rsaEncryption is how many CMS writers name PKCS#1 v1.5. */
const signatureOids = new Set<string>([oids.sha256WithRSA, oids.rsaEncryption, oids.ecdsaWithSHA256]);

/**
 * The CMS steps of RFC 5652 §5.4 and §5.6 for the one SignerInfo: its certificate found in the
 * SignedData by issuer and serial, content-type id-data in eContentType and the attribute,
 * SHA-256 digest algorithm, message-digest = SHA-256 of `content`, and the signature over the
 * DER SET OF the signed attributes by the certificate's key. Throws ERR_INVALID_INPUT on
 * malformed attributes (the caller's readSignedData does the same for the structure).
 */
export function verifySignerInfo(
  { eContentType, certificates, signer }: { eContentType: string; certificates: Uint8Array[]; signer: SignerInfoParts },
  content: Uint8Array,
): VerifiedSigner | SignerFailure {
  const parsed = certificates.map(parseCertificate);
  const certificate = parsed.find((c) => c.serialHex === signer.serialHex && equalBytes(c.issuerDer, signer.issuerDer));
  if (!certificate) return fail('ERR_SIGNATURE_MALFORMED', 'The signer certificate is not in the SignedData.');
  const attributes = readSignedAttributes(signer.signedAttrs);
  if (eContentType !== idData || attributes.contentType !== idData) {
    return fail('ERR_SIGNATURE_MALFORMED', 'The content type (eContentType and the content-type attribute) must be id-data.');
  }
  if (signer.digestAlgorithm.oid !== oids.sha256) return fail('ERR_SIGNATURE_INVALID', `Digest algorithm ${signer.digestAlgorithm.oid} is not accepted; use SHA-256.`);
  if (!equalBytes(createHash('sha256').update(content).digest(), attributes.messageDigest)) {
    return fail('ERR_SIGNATURE_INVALID', 'The message-digest attribute does not match the signed content.');
  }
  const failure = checkSignature(signer.signatureAlgorithm, attributes.toBeSigned, signer.signature, certificate);
  if (failure) return failure;
  return { certificate, attributes, extraCertificates: parsed.filter((c) => c !== certificate) };
}

/** A SHA-256 signature by the certificate's key (RSA PKCS#1 v1.5 or ECDSA); undefined when it verifies. */
export function checkSignature(algorithm: AlgorithmIdentifier, data: Uint8Array, signature: Uint8Array, certificate: ParsedCert): SignerFailure | undefined {
  if (!signatureOids.has(algorithm.oid)) return fail('ERR_SIGNATURE_INVALID', `Signature algorithm ${algorithm.oid} is not accepted.`);
  // rsaEncryption names the key, not the hash; the digest algorithm (SHA-256, checked) gives the hash.
  const effective = algorithm.oid === oids.rsaEncryption ? { ...algorithm, oid: oids.sha256WithRSA } : algorithm;
  const check = verifySignature(effective, data, signature, certificate.spkiDer);
  if (check.status === 'valid') return undefined;
  const why = check.status === 'unsupported' ? check.reason : 'it does not verify with the certificate key';
  return fail('ERR_SIGNATURE_INVALID', `The signature is not valid: ${why}.`);
}

const fail = (code: SignerFailure['code'], message: string): SignerFailure => ({ ok: false, code, message });

export type SignerTrust = TrustInputs & Required<Pick<TrustInputs, 'intermediates' | 'crls'>>;

/**
 * The signer certificate's path (RFC 5280 §6.1) through the given and carried CAs, keyUsage
 * digitalSignature, and an end entity: a CA's key signs certificates, not logins or documents.
 */
export function verifySignerPath({ certificate, extraCertificates }: Pick<VerifiedSigner, 'certificate' | 'extraCertificates'>, trust: SignerTrust) {
  const { at, trustAnchors, intermediates, crls, revocation, policy } = trust;
  return verifyCertificatePath({
    leaf: certificate,
    intermediates: [...intermediates, ...extraCertificates],
    trustAnchors,
    crls,
    at,
    revocation,
    requiredLeafKeyUsage: ['digitalSignature'],
    requireEndEntity: true,
    ...(policy && { policy }),
  });
}
