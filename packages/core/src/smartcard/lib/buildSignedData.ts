import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
  type Attribute,
} from 'pkijs';
import { GcisError } from '../../errors.js';
import { idData } from '../../lib/loginSignatureOids.js';
import type { CardCertificate, Signer } from '../types.js';

export type SignedDataParts = {
  signer: Signer;
  certificate: CardCertificate;
  pin: string;
  content: Uint8Array;
  /** The signed attributes, given the SHA-256 of the content and the signer's parsed certificate. */
  attributes: (digest: Uint8Array, certificate: Certificate) => Attribute[];
  /** Leave the content out of the SignedData (RFC 5652 §5.2: eContent absent). */
  detached?: boolean;
  /** More certificates to carry (DER): the signer's CAs. */
  chain?: readonly Uint8Array[];
};

const oids = {
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

/**
 * A DER CMS SignedData (RFC 5652 §5) with one SignerInfo (issuerAndSerialNumber, SHA-256) whose
 * signed attributes the card signs as a SET OF (§5.4), so any Signer works. The signature
 * algorithm is sha256WithRSAEncryption or ecdsa-with-SHA256 (RFC 5754 §3.2–3.3).
 */
export async function buildSignedData({ signer, certificate, pin, content, attributes, detached = false, chain = [] }: SignedDataParts): Promise<Uint8Array> {
  let x509: Certificate;
  let extra: Certificate[];
  try {
    x509 = Certificate.fromBER(certificate.certificate);
    // Each certificate once: the card's CAs and the caller's chain may overlap, and may hold the signer's own.
    const unique = new Map(chain.map((der) => [Buffer.from(der).toString('base64'), der] as const));
    unique.delete(Buffer.from(certificate.certificate).toString('base64'));
    extra = [...unique.values()].map((der) => Certificate.fromBER(der));
  } catch (cause) {
    throw new GcisError('ERR_INVALID_INPUT', 'A certificate to include is not DER X.509', { cause });
  }
  const digest = createHash('sha256').update(content).digest();
  const signedAttrs = new SignedAndUnsignedAttributes({ type: 0, attributes: attributes(digest, x509) });
  // §5.4: the signature covers the attributes with the EXPLICIT SET OF tag, not the [0] IMPLICIT one.
  const toBeSigned = new Uint8Array(signedAttrs.toSchema().toBER());
  toBeSigned[0] = 0x31;
  const signature = await signer.sign({ certificate, data: toBeSigned, pin });

  const sha256 = new AlgorithmIdentifier({ algorithmId: oids.sha256 });
  const signatureAlgorithm =
    certificate.keyType === 'RSA'
      ? new AlgorithmIdentifier({ algorithmId: oids.sha256WithRSA, algorithmParams: new asn1js.Null() })
      : new AlgorithmIdentifier({ algorithmId: oids.ecdsaWithSHA256 });
  const encapContentInfo = new EncapsulatedContentInfo({ eContentType: idData });
  // Set after construction: pkijs's constructor turns eContent into a constructed OCTET STRING, which DER forbids.
  if (!detached) encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [sha256],
    encapContentInfo,
    certificates: [x509, ...extra],
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({ issuer: x509.issuer, serialNumber: x509.serialNumber }),
        digestAlgorithm: sha256,
        signedAttrs,
        signatureAlgorithm,
        signature: new asn1js.OctetString({ valueHex: signature }),
      }),
    ],
  });
  const contentInfo = new ContentInfo({ contentType: oids.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
