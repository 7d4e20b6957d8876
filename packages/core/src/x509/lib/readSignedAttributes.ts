import { children, content, decodeOid, malformed, readOnly, tags, type Tlv } from './der.js';
import { decodeDirectoryString } from './strings.js';
import { decodeTime } from './time.js';
import { loginAttributeOids as signedAttributeOids } from '../../lib/loginSignatureOids.js';

export { signedAttributeOids };

/** id-aa-signingCertificateV2 (RFC 5035 §3). */
export const signingCertificateV2Oid = '1.2.840.113549.1.9.16.2.47';

export type SignedAttributes = {
  contentType: string;
  messageDigest: Uint8Array;
  signingTime: Date;
  nonce: Uint8Array | undefined;
  cardSerial: string | undefined;
  /** DER of the signing-certificate-v2 value (RFC 5035 §3), when present. */
  signingCertificateV2: Uint8Array | undefined;
  /** The DER the signature covers: the attributes with the SET OF tag (RFC 5652 §5.4). */
  toBeSigned: Uint8Array;
};

/**
 * Reads `signedAttrs [0] IMPLICIT SET OF Attribute`. content-type, message-digest and
 * signing-time are required; each attribute type may appear once with one value (§5.3, §11);
 * other types are allowed and ignored. Throws `ERR_INVALID_INPUT` otherwise.
 */
export function readSignedAttributes(element: Uint8Array): SignedAttributes {
  const toBeSigned = new Uint8Array(element);
  toBeSigned[0] = tags.set;
  const values = new Map<string, Tlv>();
  for (const attribute of children(toBeSigned, readOnly(toBeSigned, tags.set, 'signed attributes'))) {
    const [type, set, extra] = children(toBeSigned, attribute);
    if (attribute.tag !== tags.sequence || type?.tag !== tags.oid || set?.tag !== tags.set || extra) throw malformed('Attribute');
    const oid = decodeOid(content(toBeSigned, type));
    const inner = children(toBeSigned, set);
    if (values.has(oid)) throw malformed(`signed attribute ${oid} appears more than once`);
    if (inner.length !== 1) throw malformed(`signed attribute ${oid} must have one value`);
    values.set(oid, inner[0]!);
  }
  const required = (oid: string, name: string) => {
    const found = values.get(oid);
    if (!found) throw malformed(`the ${name} signed attribute is missing`);
    return found;
  };
  const typed = (value: Tlv, tag: number, name: string) => {
    if (value.tag !== tag) throw malformed(`${name} attribute value`);
    return content(toBeSigned, value);
  };
  const time = required(signedAttributeOids.signingTime, 'signing-time');
  const nonce = values.get(signedAttributeOids.randomNonce);
  const card = values.get(signedAttributeOids.cardSerial);
  const essV2 = values.get(signingCertificateV2Oid);
  const cardSerial = card && decodeDirectoryString(card.tag, content(toBeSigned, card));
  if (card && cardSerial === undefined) throw malformed('card serial attribute value');
  return {
    contentType: decodeOid(typed(required(signedAttributeOids.contentType, 'content-type'), tags.oid, 'content-type')),
    messageDigest: typed(required(signedAttributeOids.messageDigest, 'message-digest'), tags.octetString, 'message-digest'),
    signingTime: decodeTime(toBeSigned, time),
    nonce: nonce && typed(nonce, tags.octetString, 'nonce'),
    cardSerial,
    signingCertificateV2: essV2 && toBeSigned.subarray(essV2.start, essV2.end),
    toBeSigned,
  };
}
