import { GcisError } from '../../errors.js';

/** One DER element: its tag byte and where its header, content and end sit in the buffer. */
export type Tlv = { tag: number; start: number; contentStart: number; end: number };

export const tags = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Context-specific tag number n, constructed ([n] EXPLICIT) — e.g. the `[0]` around TBS extensions. */
export const contextTag = (n: number, constructed = true) => (constructed ? 0xa0 : 0x80) | n;

export function malformed(what: string): GcisError {
  return new GcisError('ERR_INVALID_INPUT', `Malformed DER: ${what}.`);
}

/**
 * Reads the element starting at `offset`, which must end by `limit`. Definite lengths only
 * (X.690 §10.1: DER forbids the indefinite form); multi-byte tags are refused because no
 * structure this module reads uses them.
 */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw malformed('element header runs past its container');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw malformed('multi-byte tag');
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 4 length bytes cover 4 GiB; the indefinite form (count 0) is BER only.
    if (count === 0 || count > 4) throw malformed('unsupported length form');
    if (contentStart + count > limit) throw malformed('length runs past its container');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw malformed('content runs past its container');
  return { tag, start: offset, contentStart, end };
}

/** Reads the element at `offset` and insists on its tag. */
export function expectTlv(bytes: Uint8Array, offset: number, tag: number, what: string, limit = bytes.length): Tlv {
  const tlv = readTlv(bytes, offset, limit);
  if (tlv.tag !== tag) throw malformed(`${what} has tag 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** The children of a constructed element, in order. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readTlv(bytes, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

/** Reads a whole buffer as exactly one element (trailing bytes would be unsigned data). */
export function readOnly(bytes: Uint8Array, tag: number, what: string): Tlv {
  const tlv = expectTlv(bytes, 0, tag, what);
  if (tlv.end !== bytes.length) throw malformed(`trailing bytes after ${what}`);
  return tlv;
}

export const content = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.contentStart, tlv.end);
export const whole = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.start, tlv.end);

/** Dotted form of an OBJECT IDENTIFIER's content (X.690 §8.19); BigInt only for arcs beyond 2^45, such as UUID arcs (2.25.…). */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0 || (value[value.length - 1]! & 0x80) !== 0) throw malformed('object identifier');
  // Numbers first: this runs for every OID of every certificate, and BigInt costs ten times more.
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of value) {
    arc = arc * 128 + (byte & 0x7f);
    if (arc > 2 ** 45) return decodeBigOid(value);
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

function decodeBigOid(value: Uint8Array): string {
  const arcs: bigint[] = [];
  let arc = 0n;
  for (const byte of value) {
    arc = (arc << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0n;
    }
  }
  const first = arcs.shift()!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

/** A non-negative INTEGER that fits a JS number (pathLenConstraint, version, reason codes). */
export function decodeSmallInteger(value: Uint8Array, what: string): number {
  if (value.length === 0 || value.length > 6 || (value[0]! & 0x80) !== 0) throw malformed(what);
  let result = 0;
  for (const byte of value) result = result * 256 + byte;
  return result;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** DER of an OID from its dotted form — used to compare OIDs as bytes in hot loops. */
export function encodeOid(dotted: string): Uint8Array {
  const [first = 0n, second = 0n, ...rest] = dotted.split('.').map(BigInt);
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) groups.unshift(Number(value & 0x7fn) | 0x80);
    out.push(...groups);
  }
  return new Uint8Array(out);
}
