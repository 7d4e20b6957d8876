import * as asn1js from 'asn1js';
import type { Attribute } from 'pkijs';
import { idData, loginAttributeOids as attributeOids } from '../../lib/loginSignatureOids.js';
import { attribute, contentAttributes, signingTimeAttribute, sortAttributes } from './signedAttributes.js';

export { attributeOids, idData };

export type LoginAttributeValues = { digest: Uint8Array; signingTime: Date; nonce: Uint8Array; cardSerial?: string | undefined };

/** The signed attributes of a login signature (and of a HiPKI PKCS7 reply), in DER order. */
export function loginAttributes({ digest, signingTime, nonce, cardSerial }: LoginAttributeValues): Attribute[] {
  const attributes = [
    ...contentAttributes(digest),
    signingTimeAttribute(signingTime),
    attribute(attributeOids.randomNonce, new asn1js.OctetString({ valueHex: nonce })),
  ];
  if (cardSerial !== undefined) attributes.push(attribute(attributeOids.cardSerial, directoryString(cardSerial)));
  return sortAttributes(attributes);
}

/**
 * Card numbers are letters and digits, so PrintableString, the narrowest type that holds them;
 * anything else falls back to UTF8String. (Readers of HiPKI signatures found in public code take
 * the value's bytes whatever the string tag, so both read the same.)
 */
function directoryString(value: string): asn1js.AsnType {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
}
