import { nameKey, sameName } from './compareNames.js';
import { decodeOid, encodeOid, equalBytes, malformed, readTlv, tags } from './der.js';
import { readGeneralNames } from './generalNames.js';
import { oids } from './oids.js';
import { serialHexFromInteger } from './serial.js';
import { createSerialTable, type SerialTable } from './serialTable.js';

/**
 * CRL entry extensions that may be critical without changing what an entry means here
 * (RFC 5280 §5.3): certificateIssuer is read (indirect CRLs), the others do not change whether
 * the certificate is revoked.
 */
const understoodEntryExtensions = [oids.reasonCode, oids.invalidityDate, oids.holdInstructionCode, oids.certificateIssuer].map(encodeOid);
const certificateIssuerOid = encodeOid(oids.certificateIssuer);
/** The smallest entry the loop accepts: SEQUENCE { INTEGER (1 byte), UTCTime (13 bytes) }. */
const smallestEntry = 2 + 3 + 15;

/**
 * The CRL issuer's own entries in `table`; the entries of an indirect CRL that a
 * certificateIssuer extension (§5.3.3) puts under another CA in `indirectEntries`, keyed by
 * indirectEntryKey. Those are rare, so the fast table stays as it is.
 */
export type RevokedIndex = { table: SerialTable; indirectEntries: Map<string, number> | undefined; unusableReason: string | undefined };

/** The key of an entry of `issuer` (a Name's DER) for `serialHex` (canonical) in indirectEntries. */
export const indirectEntryKey = (issuerDer: Uint8Array, serialHex: string) => `${nameKey(issuerDer)}\n${serialHex}`;

/** Entries walked between two yields of walkRevokedList: a few milliseconds of work. */
export const entriesPerSlice = 8192;

/**
 * Indexes `revokedCertificates ::= SEQUENCE OF SEQUENCE { userCertificate INTEGER,
 * revocationDate Time, crlEntryExtensions Extensions OPTIONAL }` (RFC 5280 §5.1) by walking the
 * bytes, without building a tree: serial → offset of its entry, whose date and reason are read
 * only when that serial is looked up. MOICA's list has ~400 000 entries. Yields every
 * `entriesPerSlice` entries, so a caller can let other work run between slices (loadCrlAsync).
 */
export function* walkRevokedList(bytes: Uint8Array, start: number, end: number, allowExtensions: boolean, crlIssuerDer: Uint8Array): Generator<void, RevokedIndex> {
  const serialAt = (entryOffset: number): [number, number] => {
    const serial = readTlv(bytes, readTlv(bytes, entryOffset).contentStart);
    return [serial.contentStart, serial.end];
  };
  const table = createSerialTable(bytes, Math.ceil((end - start) / smallestEntry), serialAt);
  const header = createHeaderReader(bytes);
  let unusableReason: string | undefined;
  let indirectEntries: Map<string, number> | undefined;
  // §5.3.3: an entry's certificateIssuer holds for it and the entries after it, until the next one.
  let entryIssuers: Uint8Array[] | undefined;
  // Entries usually repeat the same extension bytes (one reasonCode); those already checked are skipped.
  let checkedStart = 0;
  let checkedEnd = 0;
  let untilYield = entriesPerSlice;
  for (let offset = start; offset < end; ) {
    if (--untilYield === 0) {
      untilYield = entriesPerSlice;
      yield;
    }
    if (header.read(offset, end) !== tags.sequence) throw malformed('revoked certificate entry');
    const entryEnd = header.end;
    if (header.read(header.contentStart, entryEnd) !== tags.integer) throw malformed('CRL entry serial');
    const serialStart = header.contentStart;
    const serialEnd = header.end;
    // RFC 5280 §5.1.2.6 fixes the text lengths (13 and 15); dates are decoded only on lookup.
    const dateTag = header.read(serialEnd, entryEnd);
    const dateLength = header.end - header.contentStart;
    if (!(dateTag === tags.utcTime && dateLength === 13) && !(dateTag === tags.generalizedTime && dateLength === 15)) {
      throw malformed('CRL entry revocationDate');
    }
    if (header.end !== entryEnd) {
      const extensionsStart = header.end;
      if (!allowExtensions || header.read(extensionsStart, entryEnd) !== tags.sequence || header.end !== entryEnd) {
        throw malformed('CRL entry extensions');
      }
      if (!sameRange(bytes, extensionsStart, entryEnd, checkedStart, checkedEnd)) {
        const read = readEntryExtensions(bytes.subarray(extensionsStart, entryEnd));
        unusableReason ??= read.problem;
        if (read.certificateIssuer) entryIssuers = read.certificateIssuer.some((name) => sameName(name, crlIssuerDer)) ? undefined : read.certificateIssuer;
        checkedStart = extensionsStart;
        checkedEnd = entryEnd;
      }
    }
    if (entryIssuers) {
      indirectEntries ??= new Map();
      const serialHex = serialHexFromInteger(bytes, serialStart, serialEnd);
      for (const issuer of entryIssuers) {
        const key = indirectEntryKey(issuer, serialHex);
        if (!indirectEntries.has(key)) indirectEntries.set(key, offset);
      }
    } else {
      // A serial listed twice keeps its first entry; either one means revoked.
      table.add(serialStart, serialEnd, offset);
    }
    offset = entryEnd;
  }
  return { table, indirectEntries, unusableReason };
}

/**
 * readTlv without an object per call, for the loop that runs 4 times per entry — 1.6 million
 * times for MOICA's list. `read` returns the tag; `contentStart` and `end` describe the element
 * just read.
 */
function createHeaderReader(bytes: Uint8Array) {
  const state = {
    contentStart: 0,
    end: 0,
    read(offset: number, limit: number): number {
      if (offset + 2 > limit) throw malformed('CRL entry runs past its container');
      const tag = bytes[offset]!;
      let length = bytes[offset + 1]!;
      let contentStart = offset + 2;
      if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4 || contentStart + count > limit) throw malformed('CRL entry length');
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
        contentStart += count;
      }
      if (contentStart + length > limit) throw malformed('CRL entry runs past its container');
      state.contentStart = contentStart;
      state.end = contentStart + length;
      return tag;
    },
  };
  return state;
}

/**
 * An entry's extensions: the reason a critical one makes the CRL unusable (§5.3: MUST NOT use
 * it), if one does, and the directoryNames of its certificateIssuer, if it has one.
 */
function readEntryExtensions(sequence: Uint8Array): { problem: string | undefined; certificateIssuer: Uint8Array[] | undefined } {
  let problem: string | undefined;
  let certificateIssuer: Uint8Array[] | undefined;
  for (let offset = readTlv(sequence, 0).contentStart; offset < sequence.length; ) {
    const extension = readTlv(sequence, offset);
    const id = readTlv(sequence, extension.contentStart, extension.end);
    const flag = readTlv(sequence, id.end, extension.end);
    if (extension.tag !== tags.sequence || id.tag !== tags.oid) throw malformed('CRL entry extension');
    const oid = sequence.subarray(id.contentStart, id.end);
    const critical = flag.tag === tags.boolean && sequence[flag.contentStart] !== 0;
    if (critical && !understoodEntryExtensions.some((known) => equalBytes(known, oid))) {
      problem ??= `critical CRL entry extension ${decodeOid(oid)} is not supported`;
    }
    if (equalBytes(oid, certificateIssuerOid)) {
      const value = flag.tag === tags.boolean ? readTlv(sequence, flag.end, extension.end) : flag;
      if (value.tag !== tags.octetString) throw malformed('certificateIssuer');
      const inner = sequence.subarray(value.contentStart, value.end);
      const names = readGeneralNames(inner, readTlv(inner, 0));
      certificateIssuer = names.flatMap((name) => (name.type === 'dn' ? [name.value] : []));
      // Only a directoryName can name the issuer of a certificate; without one the entries' issuer is unknown.
      if (certificateIssuer.length === 0) problem ??= 'a certificateIssuer names no directoryName';
    }
    offset = extension.end;
  }
  return { problem, certificateIssuer };
}

/** Whether bytes[a, aEnd) equals bytes[b, bEnd); a JS loop, as a subarray per entry costs more than the compare. */
function sameRange(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
