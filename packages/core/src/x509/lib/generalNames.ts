import { children, content, malformed, readTlv, tags, whole, type Tlv } from './der.js';
import { readName, type NameAttribute } from './formatName.js';

/**
 * One GeneralName (RFC 5280 §4.2.1.6) in the forms name constraints and distribution points
 * act on; the others keep their tag number and DER, so they can be compared but not matched.
 */
export type GeneralName =
  | { type: 'rfc822' | 'dns' | 'uri'; value: string }
  | { type: 'ip'; value: Uint8Array }
  | { type: 'dn'; value: Uint8Array; rdns: NameAttribute[][] }
  | { type: 'other'; tagNumber: number; value: Uint8Array };

/** Context tags of the GeneralName CHOICE (implicit, so directoryName [4] is the one constructed wrapper of a Name). */
const generalNameTags = { otherName: 0xa0, rfc822: 0x81, dns: 0x82, x400: 0xa3, dn: 0xa4, edi: 0xa5, uri: 0x86, ip: 0x87, registeredId: 0x88 } as const;

/** Reads the GeneralName at `tlv` in `bytes`. Throws on a malformed one. */
export function readGeneralName(bytes: Uint8Array, tlv: Tlv): GeneralName {
  const value = content(bytes, tlv);
  switch (tlv.tag) {
    case generalNameTags.rfc822:
    case generalNameTags.dns:
    case generalNameTags.uri: {
      // IA5String: 7-bit only; anything else is not a name this check could match honestly.
      if (value.some((byte) => byte > 0x7f)) throw malformed('GeneralName with non-ASCII IA5String');
      const text = Buffer.from(value).toString('latin1');
      return { type: tlv.tag === generalNameTags.rfc822 ? 'rfc822' : tlv.tag === generalNameTags.dns ? 'dns' : 'uri', value: text };
    }
    case generalNameTags.ip:
      return { type: 'ip', value };
    case generalNameTags.dn: {
      const [name, extra] = children(bytes, tlv);
      if (name?.tag !== tags.sequence || extra) throw malformed('directoryName');
      const der = whole(bytes, name);
      return { type: 'dn', value: der, rdns: readName(der) };
    }
    default:
      if (![generalNameTags.otherName, generalNameTags.x400, generalNameTags.edi, generalNameTags.registeredId].includes(tlv.tag as 0xa0)) {
        throw malformed(`GeneralName tag 0x${tlv.tag.toString(16)}`);
      }
      return { type: 'other', tagNumber: tlv.tag & 0x1f, value: whole(bytes, tlv) };
  }
}

/** `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`, given the element holding them (a SEQUENCE or an implicit [n]). */
export function readGeneralNames(bytes: Uint8Array, holder: Tlv): GeneralName[] {
  const names = children(bytes, holder).map((tlv) => readGeneralName(bytes, tlv));
  if (names.length === 0) throw malformed('empty GeneralNames');
  return names;
}

/** The GeneralNames of a subjectAltName / issuerAltName extension value. */
export function readGeneralNamesValue(value: Uint8Array): GeneralName[] {
  const sequence = readTlv(value, 0);
  if (sequence.tag !== tags.sequence || sequence.end !== value.length) throw malformed('GeneralNames');
  return readGeneralNames(value, sequence);
}
