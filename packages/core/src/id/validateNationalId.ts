/** Letter codes of the first character (A10 B11 … Z33, the Ministry of the Interior's table). */
const letterValues: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

/**
 * `citizen` 身分證字號 (`[A-Z][12]`), `resident-new` the resident number used since 2021
 * (`[A-Z][89]`), `resident-old` the resident certificate number it replaced (`[A-Z][A-D]`, valid
 * until 2031-01-01).
 */
export type NationalIdKind = 'citizen' | 'resident-new' | 'resident-old';

export type NationalIdResult =
  | { valid: true; kind: NationalIdKind; id: string }
  | { valid: false; reason: 'format' | 'checksum' };

/**
 * Validates a national ID or resident number, check digit included: the first letter's two-digit
 * code (A10 … Z33) and the nine digits after it, weighted 1 9 8 7 6 5 4 3 2 1 1, sum ≡ 0 (mod 10).
 * An old-style resident number has a letter in the second place (A–D, the holder's sex and
 * origin); its code counts by its units digit only (A=10→0, B=11→1, C=12→2, D=13→3), in the
 * place of the new numbers' 8 / 9 (內政部移民署, 外來人口統一證號 編碼原則).
 */
export function validateNationalId(input: string): NationalIdResult {
  const id = input.trim().toUpperCase();
  const match = /^([A-Z])([1289A-D])(\d{8})$/.exec(id);
  if (!match) return { valid: false, reason: 'format' };
  const [, first, second, rest] = match as unknown as [string, string, string, string];
  const letter = letterValues[first]!;
  const secondDigit = /\d/.test(second) ? Number(second) : letterValues[second]! % 10;
  const digits = [Math.floor(letter / 10), letter % 10, secondDigit, ...rest.split('').map(Number)];
  const sum = digits.reduce((total, digit, index) => total + digit * weights[index]!, 0);
  if (sum % 10 !== 0) return { valid: false, reason: 'checksum' };
  return { valid: true, kind: kindOf(second), id };
}

function kindOf(second: string): NationalIdKind {
  if (second === '1' || second === '2') return 'citizen';
  return second === '8' || second === '9' ? 'resident-new' : 'resident-old';
}

/** Masks all but the first and last three characters: `A12****789`. */
export function maskNationalId(id: string): string {
  return id.length < 6 ? '*'.repeat(id.length) : `${id.slice(0, 3)}****${id.slice(-3)}`;
}
