import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { Attribute, GeneralName, GeneralNames, type Certificate } from 'pkijs';
import { idData, loginAttributeOids } from '../../lib/loginSignatureOids.js';

/** id-aa-signingCertificateV2 (RFC 5035 §3). */
export const signingCertificateV2Oid = '1.2.840.113549.1.9.16.2.47';

/** One attribute with one value. */
export const attribute = (type: string, value: asn1js.AsnType) => new Attribute({ type, values: [value] });

/** content-type id-data and message-digest (RFC 5652 §11.1–11.2), which every SignerInfo with signed attributes carries. */
export function contentAttributes(digest: Uint8Array): Attribute[] {
  return [
    attribute(loginAttributeOids.contentType, new asn1js.ObjectIdentifier({ value: idData })),
    attribute(loginAttributeOids.messageDigest, new asn1js.OctetString({ valueHex: digest })),
  ];
}

/** signing-time (RFC 5652 §11.3): UTCTime for 1950–2049, GeneralizedTime otherwise. */
export function signingTimeAttribute(date: Date): Attribute {
  const year = date.getUTCFullYear();
  const time = year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
  return attribute(loginAttributeOids.signingTime, time);
}

/**
 * The signed attributes in DER order: a SET OF is sorted by the encodings of its elements
 * (X.690 §11.6), and RFC 5652 §5.3 requires signedAttrs in DER.
 */
export function sortAttributes(attributes: readonly Attribute[]): Attribute[] {
  const encoded = attributes.map((item) => ({ item, der: Buffer.from(item.toSchema().toBER()) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map(({ item }) => item);
}

/**
 * signing-certificate-v2 (RFC 5035 §3): SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one
 * ESSCertIDv2 { certHash, issuerSerial } for `der` — hashAlgorithm left out as it is the
 * DEFAULT, SHA-256 (§4).
 */
export function signingCertificateV2Attribute(der: Uint8Array, x509: Certificate): Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [new GeneralNames({ names: [new GeneralName({ type: 4, value: x509.issuer })] }).toSchema(), x509.serialNumber],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() }), issuerSerial],
  });
  return attribute(signingCertificateV2Oid, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }));
}
