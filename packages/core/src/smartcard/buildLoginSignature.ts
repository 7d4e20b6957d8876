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
} from 'pkijs';
import { GcisError } from '../errors.js';
import { idData, loginAttributes } from './lib/loginAttributes.js';
import type { CardCertificate, Signer } from './types.js';

export type LoginSignatureOptions = {
  signer: Signer;
  certificate: CardCertificate;
  pin: string;
  /** The bytes to sign, normally signedLoginContent(…). */
  content: Uint8Array;
  /** The server's challenge nonce, at least 4 bytes (RFC 2985 §5.6.3 randomNonce). */
  nonce: Uint8Array;
  signingTime: Date;
  /** The card number, as HiPKI adds it (2.16.886.1.100.2.204); usually certificate.tokenSerial. */
  cardSerial?: string;
};

const oids = {
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

/**
 * A CMS SignedData (RFC 5652 §5) over `content`, encapsulated, DER: one SignerInfo
 * (issuerAndSerialNumber, SHA-256) with signed attributes content-type, message-digest,
 * signing-time, nonce and — when given — the card serial, and the signer's certificate. The
 * card signs the DER of the signed attributes as a SET OF (§5.4), so any Signer works.
 *
 * The signature algorithm is sha256WithRSAEncryption or ecdsa-with-SHA256 (RFC 5754 §3.2–3.3),
 * the same identifiers certificates use.
 */
export async function buildLoginSignature({
  signer,
  certificate,
  pin,
  content,
  nonce,
  signingTime,
  cardSerial,
}: LoginSignatureOptions): Promise<Uint8Array> {
  if (nonce.length < 4) throw new GcisError('ERR_INVALID_INPUT', 'The nonce must be at least 4 bytes');
  const x509 = Certificate.fromBER(certificate.certificate);
  const digest = createHash('sha256').update(content).digest();
  const signedAttrs = new SignedAndUnsignedAttributes({
    type: 0,
    attributes: loginAttributes({ digest, signingTime, nonce, cardSerial }),
  });
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
  encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [sha256],
    encapContentInfo,
    certificates: [x509],
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
