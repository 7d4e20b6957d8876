import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Extension, Time } from 'pkijs';
import { keyUsageNames, type KeyUsage } from '../../lib/extensions.js';

/** A Name as [type, value] pairs, each its own RDN, in encoded order: [['C', 'TW'], ['CN', '王小明']]. */
export type NameSpec = ReadonlyArray<readonly [string, string]>;

const typeOids: Record<string, string> = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', serialNumber: '2.5.4.5', L: '2.5.4.7', ST: '2.5.4.8' };
/** X.520 makes countryName and serialNumber PrintableString; the rest go as UTF8String, as MOICA's CN does. */
const printable = new Set(['C', 'serialNumber']);

/** DER of a Name with one attribute per RDN (pkijs' own RelativeDistinguishedNames would put them all in one SET). */
export function encodeName(spec: NameSpec): Uint8Array {
  const rdns = spec.map(([type, value]) => {
    const oid = typeOids[type] ?? type;
    const text = printable.has(type) ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    return new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), text] })] });
  });
  return new Uint8Array(new asn1js.Sequence({ value: rdns }).toBER());
}

/** Time as RFC 5280 §4.1.2.5 wants it: UTCTime through 2049, GeneralizedTime after. */
export function encodeTime(date: Date): Time {
  const year = date.getUTCFullYear();
  return new Time({ type: year >= 1950 && year < 2050 ? 0 : 1, value: date });
}

/** A positive 16-byte serial (RFC 5280 §4.1.2.2 allows up to 20 octets). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

export const integerFromHex = (hex: string) => new asn1js.Integer({ valueHex: Buffer.from(hex, 'hex') });

export function extension(oid: string, critical: boolean, value: asn1js.BaseBlock | Uint8Array): Extension {
  const der = value instanceof Uint8Array ? value : new Uint8Array(value.toBER());
  return new Extension({ extnID: oid, critical, extnValue: der.slice().buffer });
}

/** KeyUsage BIT STRING in DER form: no trailing zero bytes, unused bits counted (X.690 §11.2.2). */
export function encodeKeyUsage(usages: readonly KeyUsage[]): asn1js.BitString {
  const bytes = [0, 0];
  for (const usage of usages) {
    const bit = keyUsageNames.indexOf(usage);
    bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  const used = bytes[1] ? bytes : bytes.slice(0, 1);
  const last = used[used.length - 1]!;
  let unusedBits = 0;
  while (unusedBits < 8 && last !== 0 && (last & (1 << unusedBits)) === 0) unusedBits++;
  return new asn1js.BitString({ valueHex: new Uint8Array(used), unusedBits: last === 0 ? 0 : unusedBits });
}

/** A public key's SubjectPublicKeyInfo DER, exported once per key: generating many certificates from a few keys is the common case. */
const spkis = new WeakMap<KeyObject, Uint8Array>();
export function spkiOf(publicKey: KeyObject): Uint8Array {
  let spki = spkis.get(publicKey);
  if (!spki) spkis.set(publicKey, (spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))));
  return spki;
}

const identifiers = new WeakMap<KeyObject, Uint8Array>();

/** Key identifier, method 1 of RFC 5280 §4.2.1.2: SHA-1 of the subjectPublicKey bits (once per key). */
export function keyIdentifier(publicKey: KeyObject): Uint8Array {
  let identifier = identifiers.get(publicKey);
  if (!identifier) {
    const parsed = asn1js.fromBER(spkiOf(publicKey));
    const bits = (parsed.result as asn1js.Sequence).valueBlock.value[1] as asn1js.BitString;
    identifiers.set(publicKey, (identifier = new Uint8Array(createHash('sha1').update(bits.valueBlock.valueHexView).digest())));
  }
  return identifier;
}

export const toPem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
