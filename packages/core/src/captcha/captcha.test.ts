import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../ports.js';
import { captchaAlphabet, checkCaptcha, createCaptcha, hashCaptchaAnswer, renderCaptchaForTerminal } from './index.js';
import { strokeFont } from './lib/strokeFont.js';
import { seededRandom } from './testing/index.js';

const now = new Date('2026-11-27T02:00:00Z');
/** Where a person looks at what the captcha is like (gitignored). */
const outputDir = new URL('../../../../test-output/captcha/', import.meta.url);

describe('createCaptcha', () => {
  it('draws 5 or 6 characters of its alphabet into a PNG that lives two minutes', () => {
    const random = seededRandom(7);
    const captchas = Array.from({ length: 40 }, () => createCaptcha({ random, now }));
    for (const captcha of captchas) {
      expect(captcha.answer).toMatch(new RegExp(`^[${captchaAlphabet}]{5,6}$`));
      expect(PNG.sync.read(Buffer.from(captcha.png)).height).toBe(96);
      expect(captcha.expiresAt.getTime() - now.getTime()).toBe(120_000);
    }
    expect(new Set(captchas.map((captcha) => captcha.answer.length))).toEqual(new Set([5, 6]));
  });

  it('refuses a length that does not fit the picture', () => {
    for (const length of [0, 7, 2.5]) expect(() => createCaptcha({ random: cryptoRandom, now, length })).toThrow(RangeError);
  });

  it('leaves out characters a person mistakes for another', () => {
    expect(captchaAlphabet.length).toBeGreaterThanOrEqual(16);
    for (const lookAlike of '0OQD1IL2Z5S68BGUVFCP') expect(captchaAlphabet).not.toContain(lookAlike);
  });

  it('knows every character in more than one shape', () => {
    for (const character of captchaAlphabet) expect(strokeFont[character]!.length).toBeGreaterThanOrEqual(2);
  });

  it('draws the same captcha from the same random bytes and another from others', () => {
    const [a, b, c] = [seededRandom(1), seededRandom(1), seededRandom(2)].map((random) => createCaptcha({ random, now }));
    expect(a!.answer).toBe(b!.answer);
    expect(Buffer.from(a!.png).equals(Buffer.from(b!.png))).toBe(true);
    expect(Buffer.from(a!.png).equals(Buffer.from(c!.png))).toBe(false);
  });

  it('never draws the same character the same way twice', () => {
    const random = seededRandom(3);
    const images = Array.from({ length: 40 }, () => createCaptcha({ random, now, length: 1 }));
    // 40 pictures of 16 characters: some characters repeat, and no picture does.
    expect(new Set(images.map(({ answer }) => answer)).size).toBeLessThan(images.length);
    expect(new Set(images.map(({ png }) => Buffer.from(png).toString('base64'))).size).toBe(images.length);
  });
});

describe('renderCaptchaForTerminal', () => {
  it('fits 12 lines of 80 columns and writes samples for a person to look at', () => {
    const random = seededRandom(11);
    const captchas = Array.from({ length: 8 }, () => createCaptcha({ random, now }));
    const drawings = captchas.map((captcha) => renderCaptchaForTerminal(captcha.png));
    for (const drawing of drawings) {
      const lines = drawing.split('\n');
      expect(lines.length).toBe(12);
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
      expect(drawing).toMatch(/[▀▄▌▐▖▗▘▝▚▞▙▛▜▟█]{3}/);
    }
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(new URL('terminal.txt', outputDir), captchas.map((c, i) => `${c.answer}\n${drawings[i]}\n`).join('\n'));
    writeFileSync(new URL('samples.png', outputDir), stackImages(captchas.map((captcha) => captcha.png)));
  });

  it('inks the strokes: dark cells on the terminal sit over dark pixels in the PNG', () => {
    const { png } = createCaptcha({ random: cryptoRandom, now });
    const image = PNG.sync.read(Buffer.from(png));
    const lines = renderCaptchaForTerminal(png).split('\n');
    let [inked, overInk] = [0, 0];
    lines.forEach((line, row) =>
      [...line].forEach((cell, column) => {
        if (cell !== '█') return;
        inked++;
        const [x, y] = [column * 4 + 2, row * 8 + 4];
        if (image.data[(y * image.width + x) * 4]! < 128) overInk++;
      }),
    );
    expect(inked).toBeGreaterThan(20);
    expect(overInk / inked).toBeGreaterThan(0.9);
  });
});

describe('checkCaptcha', () => {
  const stored = { answerHash: hashCaptchaAnswer('c1', 'K7MXAE'), expiresAt: new Date(now.getTime() + 120_000), used: false };

  it('accepts the answer once, in either case, and refuses it after use', () => {
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: 'K7MXAE', now })).toEqual({ valid: true });
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: ' k7mxae ', now })).toEqual({ valid: true });
    expect(checkCaptcha({ stored: { ...stored, used: true }, captchaId: 'c1', answer: 'K7MXAE', now })).toEqual({
      valid: false,
      reason: 'used',
    });
  });

  it('refuses an answer one character off, a prefix, an answer for another captcha, and an expired captcha', () => {
    for (const answer of ['K7MXAF', 'K7MXA', 'K7MXAEE', '']) {
      expect(checkCaptcha({ stored, captchaId: 'c1', answer, now })).toMatchObject({ reason: 'mismatch' });
    }
    expect(checkCaptcha({ stored, captchaId: 'c2', answer: 'K7MXAE', now })).toMatchObject({ reason: 'mismatch' });
    const later = new Date(now.getTime() + 120_000);
    expect(checkCaptcha({ stored, captchaId: 'c1', answer: 'K7MXAE', now: later })).toMatchObject({ reason: 'expired' });
  });
});

/** One PNG with the images one under another, separated by a grey rule. */
function stackImages(pngs: readonly Uint8Array[]): Buffer {
  const images = pngs.map((png) => PNG.sync.read(Buffer.from(png)));
  const width = Math.max(...images.map((image) => image.width));
  const out = new PNG({ width, height: images.reduce((sum, image) => sum + image.height + 4, 0) });
  out.data.fill(160);
  let top = 0;
  for (const image of images) {
    PNG.bitblt(image, out, 0, 0, image.width, image.height, 0, top);
    top += image.height + 4;
  }
  return PNG.sync.write(out);
}
