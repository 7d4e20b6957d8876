/** Letter codes of the first character (DESIGN.md: A10 B11 … Z33). */
const letterValues: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

export type NationalIdKind = 'citizen' | 'resident';

export type NationalIdResult =
  | { valid: true; kind: NationalIdKind; id: string }
  | { valid: false; reason: 'format' | 'checksum' };

/**
 * Validates a national ID (`^[A-Z][12]\d{8}$`) or a new-style resident number
 * (`^[A-Z][89]\d{8}$`, used since 2021) including the check digit.
 */
export function validateNationalId(input: string): NationalIdResult {
  const id = input.trim().toUpperCase();
  const match = /^([A-Z])([1289])(\d{8})$/.exec(id);
  if (!match) return { valid: false, reason: 'format' };
  const letter = letterValues[match[1]!]!;
  const digits = [Math.floor(letter / 10), letter % 10, ...id.slice(1).split('').map(Number)];
  const sum = digits.reduce((total, digit, index) => total + digit * weights[index]!, 0);
  if (sum % 10 !== 0) return { valid: false, reason: 'checksum' };
  return { valid: true, kind: match[2] === '1' || match[2] === '2' ? 'citizen' : 'resident', id };
}

/** Masks all but the first and last three characters: `A12****789`. */
export function maskNationalId(id: string): string {
  return id.length < 6 ? '*'.repeat(id.length) : `${id.slice(0, 3)}****${id.slice(-3)}`;
}
