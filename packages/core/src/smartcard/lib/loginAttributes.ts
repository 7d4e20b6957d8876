import * as asn1js from 'asn1js';
import { Attribute } from 'pkijs';
import { idData, loginAttributeOids as attributeOids } from '../../lib/loginSignatureOids.js';

export { attributeOids, idData };

export type LoginAttributeValues = { digest: Uint8Array; signingTime: Date; nonce: Uint8Array; cardSerial?: string | undefined };

/**
 * The signed attributes, in DER order: a SET OF is sorted by the encodings of its elements
 * (X.690 §11.6), and RFC 5652 §5.3 requires signedAttrs in DER.
 */
export function loginAttributes({ digest, signingTime, nonce, cardSerial }: LoginAttributeValues): Attribute[] {
  const attribute = (type: string, value: asn1js.AsnType) => new Attribute({ type, values: [value] });
  const attributes = [
    attribute(attributeOids.contentType, new asn1js.ObjectIdentifier({ value: idData })),
    attribute(attributeOids.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    attribute(attributeOids.signingTime, time(signingTime)),
    attribute(attributeOids.randomNonce, new asn1js.OctetString({ valueHex: nonce })),
  ];
  if (cardSerial !== undefined) attributes.push(attribute(attributeOids.cardSerial, directoryString(cardSerial)));
  const encoded = attributes.map((item) => ({ item, der: Buffer.from(item.toSchema().toBER()) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map(({ item }) => item);
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise. */
function time(date: Date): asn1js.AsnType {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

/**
 * Card numbers are letters and digits, so PrintableString, the narrowest type that holds them;
 * anything else falls back to UTF8String. (Readers of HiPKI signatures found in public code take
 * the value's bytes whatever the string tag, so both read the same.)
 */
function directoryString(value: string): asn1js.AsnType {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
}
