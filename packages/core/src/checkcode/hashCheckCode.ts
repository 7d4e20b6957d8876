import { sha256Hex } from '../lib/encoding.js';

/** Normalises what a user typed: case, spaces and hyphens do not matter. */
export function normalizeCheckCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Bound to the account, so a stored hash is useless for any other account. */
export function hashCheckCode(accountId: number, code: string): string {
  return sha256Hex(`gcis-check-code:${accountId}:${normalizeCheckCode(code)}`);
}
