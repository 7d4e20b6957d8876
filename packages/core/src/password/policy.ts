import { GcisError } from '../errors.js';

export const passwordLength = { min: 8, max: 256 } as const;

/** NFKC-normalises a password (so full-width and half-width forms match) and enforces its length. */
export function normalizePassword(password: string): string {
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  if (length < passwordLength.min || length > passwordLength.max) {
    throw new GcisError(
      'ERR_PASSWORD_POLICY',
      `A password must be ${passwordLength.min}–${passwordLength.max} characters long.`,
    );
  }
  return normalized;
}
