import { base64url, sha256Hex } from '../lib/encoding.js';
import type { Random } from '../ports.js';

/** `gcis_` marks the token for secret scanners; 32 random bytes give 256 bits. */
export const sessionTokenPrefix = 'gcis_';
const tokenPattern = /^gcis_[A-Za-z0-9_-]{43}$/;

/** A new opaque session token and the SHA-256 the server stores instead of it. */
export function createSessionToken(random: Random): { token: string; tokenHash: string } {
  const token = sessionTokenPrefix + base64url(random.bytes(32));
  return { token, tokenHash: hashSessionToken(token) };
}

/** Tokens carry 256 bits of entropy, so a plain SHA-256 is enough to make a stolen table useless. */
export function hashSessionToken(token: string): string {
  return sha256Hex(token);
}

export function isSessionToken(value: string): boolean {
  return tokenPattern.test(value);
}
