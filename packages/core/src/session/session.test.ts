import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../ports.js';
import { createSessionToken, hashSessionToken, isSessionToken, sessionState } from './index.js';

describe('createSessionToken', () => {
  it('makes a gcis_ token of 256 random bits and its SHA-256', () => {
    const { token, tokenHash } = createSessionToken(cryptoRandom);
    expect(token).toMatch(/^gcis_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(5), 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashSessionToken(token)).toBe(tokenHash);
    expect(isSessionToken(token)).toBe(true);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createSessionToken(cryptoRandom).token));
    expect(tokens.size).toBe(1000);
  });

  it.each(['', 'gcis_short', `ghp_${'a'.repeat(43)}`, `gcis_${'a'.repeat(42)}!`])('rejects %j as a token', (value) => {
    expect(isSessionToken(value)).toBe(false);
  });
});

describe('sessionState', () => {
  const issuedAt = new Date('2026-11-27T00:00:00Z');
  const minutes = (n: number) => new Date(issuedAt.getTime() + n * 60_000);

  it('slides the idle limit while the session is used', () => {
    expect(sessionState({ issuedAt, lastSeenAt: minutes(0) }, minutes(10))).toEqual({
      active: true,
      expiresAt: minutes(40),
    });
  });

  it('ends after 30 idle minutes', () => {
    expect(sessionState({ issuedAt, lastSeenAt: minutes(5) }, minutes(35))).toEqual({ active: false, reason: 'idle' });
  });

  it('ends after 12 hours whatever the use, and never promises more', () => {
    expect(sessionState({ issuedAt, lastSeenAt: minutes(710) }, minutes(715))).toEqual({
      active: true,
      expiresAt: minutes(720),
    });
    expect(sessionState({ issuedAt, lastSeenAt: minutes(719) }, minutes(720))).toEqual({
      active: false,
      reason: 'absolute',
    });
  });
});
