import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../ports.js';
import { checkCodeAlphabet, checkCodeMail, endOfTaipeiDay, issueCheckCode, verifyCheckCode } from './index.js';

describe('issueCheckCode', () => {
  it('makes a 10-character code from the unambiguous alphabet, stored only as a hash', () => {
    const issued = issueCheckCode({ accountId: 1, random: cryptoRandom, now: new Date('2026-11-27T02:00:00Z') });
    expect(issued.code).toMatch(new RegExp(`^[${checkCodeAlphabet}]{10}$`));
    expect(issued.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.codeHash).not.toContain(issued.code);
  });

  it('never uses characters that are easy to misread', () => {
    expect(checkCodeAlphabet).not.toMatch(/[01ILO]/);
  });
});

describe('endOfTaipeiDay', () => {
  it.each([
    ['2026-11-27T02:00:00Z', '2026-11-27T15:59:59.999Z'], // 10:00 Taipei
    ['2026-11-27T15:59:59Z', '2026-11-27T15:59:59.999Z'], // 23:59:59 Taipei
    ['2026-11-27T16:00:00Z', '2026-11-28T15:59:59.999Z'], // 00:00 the next day in Taipei
    ['2026-11-26T20:00:00Z', '2026-11-27T15:59:59.999Z'], // 04:00 Taipei, still the 26th in UTC
  ])('ends the Taipei day of %s at %s', (now, end) => {
    expect(endOfTaipeiDay(new Date(now)).toISOString()).toBe(end);
  });
});

describe('verifyCheckCode', () => {
  const now = new Date('2026-11-27T02:00:00Z');
  const issued = issueCheckCode({ accountId: 7, random: cryptoRandom, now });
  const stored = { codeHash: issued.codeHash, expiresAt: issued.expiresAt };

  it('accepts the code as typed by a person: any case, spaces, hyphens', () => {
    const typed = `${issued.code.slice(0, 5).toLowerCase()}-${issued.code.slice(5)} `;
    expect(verifyCheckCode({ stored, accountId: 7, code: typed, now })).toEqual({ valid: true });
  });

  it('refuses the code for another account', () => {
    expect(verifyCheckCode({ stored, accountId: 8, code: issued.code, now })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('refuses the code after 23:59:59 Taipei time, and only then says expired', () => {
    const tomorrow = new Date('2026-11-27T16:00:00Z');
    expect(verifyCheckCode({ stored, accountId: 7, code: issued.code, now: tomorrow })).toEqual({ valid: false, reason: 'expired' });
    expect(verifyCheckCode({ stored, accountId: 7, code: 'WRONGCODE2', now: tomorrow })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('says none when no code is active', () => {
    expect(verifyCheckCode({ stored: undefined, accountId: 7, code: issued.code, now })).toEqual({ valid: false, reason: 'none' });
  });
});

describe('checkCodeMail', () => {
  it('names the account, the code and the end of validity in both languages', () => {
    const mail = checkCodeMail({ to: 'a@example.com', account: 'alice', code: 'ABCDEFGH23', expiresAt: new Date('2026-11-27T15:59:59.999Z') });
    expect(mail.text).toContain('檢查碼：ABCDEFGH23');
    expect(mail.text).toContain('Check code: ABCDEFGH23');
    expect(mail.text.match(/2026-11-27 23:59:59/g)).toHaveLength(2);
    expect(mail.text).toContain('絕不會');
    expect(mail.text).toContain('Nobody from the portal will ever ask you');
  });
});
