import { readName, type NameAttribute } from './formatName.js';

/** DirectoryString and IA5String tags, compared as text; other attribute values compare as DER. */
const textTags = new Set([0x0c, 0x13, 0x14, 0x16, 0x1c, 0x1e]);

/**
 * The comparable form of one attribute value (RFC 5280 §7.1, RFC 4518 in brief): string values
 * are case-folded, trimmed and have inner runs of spaces collapsed, whichever string type
 * encodes them — so a CA that moved from PrintableString to UTF8String (§4.1.2.6) still chains.
 */
function valueKey(attribute: NameAttribute): string {
  const tag = attribute.der[0]!;
  if (attribute.text === undefined || !textTags.has(tag)) return `#${Buffer.from(attribute.der).toString('hex')}`;
  const text = /^[\x20-\x7e]*$/.test(attribute.text) ? attribute.text : attribute.text.normalize('NFKC');
  return `=${text.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** One RDN as text that is equal for equal RDNs: its attributes sorted, as an RDN is a set. */
export function rdnKey(rdn: readonly NameAttribute[]): string {
  return rdn
    .map((attribute) => `${attribute.oid}${valueKey(attribute)}`)
    .sort()
    .map((part) => part.replace(/[\\/+]/g, (c) => `\\${c}`))
    .join('+');
}

/** A Name's RDNs in encoded order as comparable keys; an RDN sequence is a prefix of another when these are. */
export function nameKeys(rdns: readonly (readonly NameAttribute[])[]): string[] {
  return rdns.map(rdnKey);
}

const keyCache = new WeakMap<Uint8Array, string>();
/** Names met again in new buffers — the issuer of every leaf a login brings — by their bytes; a few hundred at most. */
const recentKeys = new Map<string, string>();
const maxRecentKeys = 256;

/**
 * The comparable form of a DER Name: equal exactly when the names match under RFC 5280 §7.1.
 * Remembered per buffer, as a server compares the same CA names on every login, and by bytes
 * for the names each login's freshly parsed leaf carries.
 */
export function nameKey(nameDer: Uint8Array): string {
  let key = keyCache.get(nameDer);
  if (key === undefined) {
    const bytes = Buffer.from(nameDer.buffer, nameDer.byteOffset, nameDer.byteLength).toString('latin1');
    key = recentKeys.get(bytes);
    if (key === undefined) {
      key = nameKeys(readName(nameDer)).join('/');
      if (recentKeys.size >= maxRecentKeys) recentKeys.clear();
      recentKeys.set(bytes, key);
    }
    keyCache.set(nameDer, key);
  }
  return key;
}

/**
 * Whether two DER Names are the same name (RFC 5280 §7.1): byte-equal, or equal RDN by RDN after
 * the string preparation of valueKey. Throws on a malformed Name, like readName.
 */
export function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length === b.length && Buffer.compare(a, b) === 0) return true;
  return nameKey(a) === nameKey(b);
}
