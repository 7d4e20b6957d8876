/**
 * An open-addressing hash table from certificate serial to the offset of its CRL entry, kept
 * in one typed array: no string or object per entry (a Map of hex strings took longer than
 * the whole walk), 16 MB for MOICA's 400 000 serials. It stores offsets and hashes only; a
 * probe that meets an equal hash compares the serial bytes still sitting in the CRL buffer.
 */
export type SerialTable = {
  /** Adds the INTEGER content bytes[start, end) for the entry at `entryOffset`; false if already present. */
  add(start: number, end: number, entryOffset: number): boolean;
  /** The entry offset for a serial given as INTEGER content bytes, or undefined. */
  find(serial: Uint8Array): number | undefined;
  readonly size: number;
};

/**
 * `serialAt(entryOffset)` must return where that entry's serial content lies in `bytes`.
 * `capacityHint` is an upper bound on the number of entries (sizing the table at ≤ 50 % load).
 */
export function createSerialTable(bytes: Uint8Array, capacityHint: number, serialAt: (entryOffset: number) => [number, number]): SerialTable {
  let capacity = 16;
  while (capacity < capacityHint * 2) capacity *= 2;
  const mask = capacity - 1;
  // Per slot, side by side so a probe touches one cache line: [entry offset + 1 (0 = empty), full hash].
  // The hash lets a probe skip other serials without reading them from the CRL.
  const slots = new Uint32Array(capacity * 2);
  let size = 0;
  let lastHash = 0; // of the last slotFor call, for add to store
  const slotFor = (source: Uint8Array, start: number, end: number): number => {
    const negative = start < end && source[start]! >= 0x80;
    const from = negative ? start : skipZeros(source, start, end);
    const full = (lastHash = hash(source, from, end, negative));
    for (let slot = full & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot * 2]!;
      if (stored === 0) return slot;
      if (slots[slot * 2 + 1] !== full) continue;
      const [storedStart, storedEnd] = serialAt(stored - 1);
      const storedNegative = storedStart < storedEnd && bytes[storedStart]! >= 0x80;
      const storedFrom = storedNegative ? storedStart : skipZeros(bytes, storedStart, storedEnd);
      if (negative === storedNegative && sameBytes(bytes, storedFrom, storedEnd, source, from, end)) return slot;
    }
  };
  return {
    add(start, end, entryOffset) {
      if (size * 2 >= capacity) throw new Error('serial table capacity exceeded');
      const slot = slotFor(bytes, start, end);
      if (slots[slot * 2] !== 0) return false;
      slots[slot * 2] = entryOffset + 1;
      slots[slot * 2 + 1] = lastHash;
      size++;
      return true;
    },
    find(serial) {
      const stored = slots[slotFor(serial, 0, serial.length) * 2]!;
      return stored === 0 ? undefined : stored - 1;
    },
    get size() {
      return size;
    },
  };
}

/**
 * Skips the leading 0x00 bytes of a non-negative INTEGER (DER pads one before a top bit that is
 * set; non-minimal encodings pad more), so equal values compare equal. A negative value
 * (top bit set, no pad) keeps all its bytes and is told apart by its sign.
 */
function skipZeros(bytes: Uint8Array, start: number, end: number): number {
  while (start < end - 1 && bytes[start] === 0) start++;
  return start;
}

/** FNV-1a over the sign and the bytes, 32-bit. */
function hash(bytes: Uint8Array, start: number, end: number, negative: boolean): number {
  let h = negative ? 0x050c5d1f : 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, aFrom: number, aTo: number, b: Uint8Array, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (a[aFrom + i] !== b[bFrom + i]) return false;
  return true;
}
