import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../ports.js';
import { checkCaptcha, createCaptcha, hashCaptchaAnswer, renderCaptchaForTerminal } from './index.js';

const now = new Date('2026-11-27T02:00:00Z');

describe('createCaptcha', () => {
  it('draws five digits into a PNG that lives two minutes', () => {
    const captcha = createCaptcha({ random: cryptoRandom, now });
    expect(captcha.answer).toMatch(/^\d{5}$/);
    const image = PNG.sync.read(Buffer.from(captcha.png));
    expect(image.width).toBeGreaterThan(100);
    expect(captcha.expiresAt.getTime() - now.getTime()).toBe(120_000);
  });

  it('draws different images for the same answer', () => {
    const fixed = { bytes: (length: number) => new Uint8Array(length).fill(3) };
    const a = createCaptcha({ random: fixed, now });
    const b = createCaptcha({ random: cryptoRandom, now });
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(false);
  });
});

describe('renderCaptchaForTerminal', () => {
  it('keeps the strokes of every digit and drops the speckles', () => {
    const captcha = createCaptcha({ random: cryptoRandom, now, length: 1 });
    const drawing = renderCaptchaForTerminal(captcha.png);
    const inked = [...drawing].filter((char) => '█▀▄'.includes(char)).length;
    expect(inked).toBeGreaterThan(12);
    expect(drawing.split('\n').every((line) => line.length <= 20)).toBe(true);
  });
});

describe('checkCaptcha', () => {
  const stored = { answerHash: hashCaptchaAnswer('c1', '12345'), expiresAt: new Date(now.getTime() + 120_000), used: false };

  it('accepts the answer once and refuses it after use', () => {
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: '12345', now })).toEqual({ valid: true });
    expect(checkCaptcha({ stored: { ...stored, used: true }, captchaId: 'c1', answer: '12345', now })).toEqual({
      valid: false,
      reason: 'used',
    });
  });

  it('refuses a wrong answer, an answer for another captcha, and an expired captcha', () => {
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: '12346', now })).toMatchObject({ reason: 'mismatch' });
    expect(checkCaptcha({ stored, captchaId: 'c2', answer: '12345', now })).toMatchObject({ reason: 'mismatch' });
    const later = new Date(now.getTime() + 120_000);
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: '12345', now: later })).toMatchObject({ reason: 'expired' });
  });
});
