import { children, content, decodeOid, expectTlv, malformed, tags } from './der.js';
import { decodeDirectoryString } from './strings.js';

/** Descriptors registered for LDAP (RFC 4519 and the IANA registry RFC 4514 §3 refers to). */
const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** One attribute of a Name: its type, its text when it is a string type, and its DER. */
export type NameAttribute = { oid: string; text: string | undefined; der: Uint8Array };

/** The RDNs of a Name (RFC 5280 §4.1.2.4) in encoded order, each a list of its attributes. */
export function readName(name: Uint8Array): NameAttribute[][] {
  const sequence = expectTlv(name, 0, tags.sequence, 'Name');
  return children(name, sequence).map((rdn) => {
    if (rdn.tag !== tags.set) throw malformed('RelativeDistinguishedName');
    return children(name, rdn).map((atv) => {
      const [type, value] = children(name, atv);
      if (atv.tag !== tags.sequence || type?.tag !== tags.oid || !value) throw malformed('AttributeTypeAndValue');
      return {
        oid: decodeOid(content(name, type)),
        text: decodeDirectoryString(value.tag, content(name, value)),
        der: name.subarray(value.start, value.end),
      };
    });
  });
}

/** RFC 4514 §2.4 escaping of an attribute value. */
function escapeValue({ text, der }: NameAttribute): string {
  if (text === undefined) return `#${Buffer.from(der).toString('hex')}`;
  return text
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/\0/g, '\\00')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/**
 * The RFC 4514 string form of a DER Name: RDNs last-to-first, comma-separated, e.g.
 * `serialNumber=…,CN=王小明,C=TW`. For display and logs; compare names as DER, not as text.
 */
export function formatName(name: Uint8Array): string {
  return readName(name)
    .reverse()
    .map((rdn) => rdn.map((attribute) => `${shortNames[attribute.oid] ?? attribute.oid}=${escapeValue(attribute)}`).join('+'))
    .join(',');
}
