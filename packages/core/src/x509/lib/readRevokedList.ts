import { decodeOid, encodeOid, equalBytes, malformed, readTlv, tags } from './der.js';
import { oids } from './oids.js';
import { createSerialTable, type SerialTable } from './serialTable.js';

/**
 * CRL entry extensions that may be critical without changing what an entry means here
 * (RFC 5280 §5.3). certificateIssuer is absent on purpose: it makes the CRL indirect, and an
 * indirect CRL's entries would be looked up under the wrong issuer.
 */
const understoodEntryExtensions = [oids.reasonCode, oids.invalidityDate, oids.holdInstructionCode].map(encodeOid);
/** The smallest entry the loop accepts: SEQUENCE { INTEGER (1 byte), UTCTime (13 bytes) }. */
const smallestEntry = 2 + 3 + 15;

export type RevokedIndex = { table: SerialTable; unusableReason: string | undefined };

/** Entries walked between two yields of walkRevokedList: a few milliseconds of work. */
export const entriesPerSlice = 8192;

/**
 * Indexes `revokedCertificates ::= SEQUENCE OF SEQUENCE { userCertificate INTEGER,
 * revocationDate Time, crlEntryExtensions Extensions OPTIONAL }` (RFC 5280 §5.1) by walking the
 * bytes, without building a tree: serial → offset of its entry, whose date and reason are read
 * only when that serial is looked up. MOICA's list has ~400 000 entries. Yields every
 * `entriesPerSlice` entries, so a caller can let other work run between slices (loadCrlAsync).
 */
export function* walkRevokedList(bytes: Uint8Array, start: number, end: number, allowExtensions: boolean): Generator<void, RevokedIndex> {
  const serialAt = (entryOffset: number): [number, number] => {
    const serial = readTlv(bytes, readTlv(bytes, entryOffset).contentStart);
    return [serial.contentStart, serial.end];
  };
  const table = createSerialTable(bytes, Math.ceil((end - start) / smallestEntry), serialAt);
  const header = createHeaderReader(bytes);
  let unusableReason: string | undefined;
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
        unusableReason ??= criticalEntryExtensionProblem(bytes.subarray(extensionsStart, entryEnd));
        checkedStart = extensionsStart;
        checkedEnd = entryEnd;
      }
    }
    // A serial listed twice keeps its first entry; either one means revoked.
    table.add(serialStart, serialEnd, offset);
    offset = entryEnd;
  }
  return { table, unusableReason };
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

/** The reason a critical entry extension makes the CRL unusable (§5.3: MUST NOT use it), if one does. */
function criticalEntryExtensionProblem(sequence: Uint8Array): string | undefined {
  for (let offset = readTlv(sequence, 0).contentStart; offset < sequence.length; ) {
    const extension = readTlv(sequence, offset);
    const id = readTlv(sequence, extension.contentStart, extension.end);
    const flag = readTlv(sequence, id.end, extension.end);
    if (extension.tag !== tags.sequence || id.tag !== tags.oid) throw malformed('CRL entry extension');
    const oid = sequence.subarray(id.contentStart, id.end);
    const critical = flag.tag === tags.boolean && sequence[flag.contentStart] !== 0;
    if (critical && !understoodEntryExtensions.some((known) => equalBytes(known, oid))) {
      return `critical CRL entry extension ${decodeOid(oid)} is not supported`;
    }
    offset = extension.end;
  }
  return undefined;
}

/** Whether bytes[a, aEnd) equals bytes[b, bEnd); a JS loop, as a subarray per entry costs more than the compare. */
function sameRange(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
