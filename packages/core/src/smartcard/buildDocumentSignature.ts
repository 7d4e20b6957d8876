import { buildSignedData } from './lib/buildSignedData.js';
import { contentAttributes, signingCertificateV2Attribute, signingTimeAttribute, sortAttributes } from './lib/signedAttributes.js';
import type { CardCertificate, Signer } from './types.js';

export type DocumentSignatureOptions = {
  signer: Signer;
  certificate: CardCertificate;
  pin: string;
  /** The document's bytes. */
  content: Uint8Array;
  signingTime: Date;
  /** Leave the document out (a detached signature, the `.p7s` beside the file); default true. */
  detached?: boolean;
  /** The signer's CA certificates (DER) to carry, so a verifier needs only the root. */
  chain?: readonly Uint8Array[];
};

/**
 * A document signature: CMS SignedData (RFC 5652 §5) over SHA-256 with the signed attributes
 * content-type, message-digest, signing-time and signing-certificate-v2 (RFC 5035 §3: the
 * SHA-256 of the signer's certificate and its issuer and serial, so the certificate cannot be
 * swapped for another with the same key), the signer's certificate and `chain`. DER;
 * detached unless `detached: false`. `openssl cms -verify` accepts it.
 */
export async function buildDocumentSignature({
  signer,
  certificate,
  pin,
  content,
  signingTime,
  detached = true,
  chain = [],
}: DocumentSignatureOptions): Promise<Uint8Array> {
  return buildSignedData({
    signer,
    certificate,
    pin,
    content,
    detached,
    chain,
    attributes: (digest, x509) =>
      sortAttributes([...contentAttributes(digest), signingTimeAttribute(signingTime), signingCertificateV2Attribute(certificate.certificate, x509)]),
  });
}
