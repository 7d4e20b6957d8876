import { PNG } from 'pngjs';
import type { Random } from '../ports.js';
import { randomIndex, randomString } from '../lib/randomInt.js';
import { digitGlyphs, glyphHeight, glyphWidth } from './lib/font.js';

export type Captcha = { answer: string; png: Uint8Array; expiresAt: Date };

const scale = 4;
const cell = (glyphWidth + 2) * scale;
const height = (glyphHeight + 4) * scale;

/**
 * A new captcha: `length` digits drawn in a PNG with jitter and speckle noise, coarse enough to
 * stay legible when drawn in a terminal with half-block characters. Valid for `lifetimeSeconds`.
 */
export function createCaptcha({
  random,
  now,
  length = 5,
  lifetimeSeconds = 120,
}: {
  random: Random;
  now: Date;
  length?: number;
  lifetimeSeconds?: number;
}): Captcha {
  const answer = randomString(random, '0123456789', length);
  const width = cell * length + 2 * scale;
  const ink = new Uint8Array(width * height);

  [...answer].forEach((digit, position) => {
    const left = scale + position * cell + randomIndex(random, scale + 1);
    const top = scale + randomIndex(random, 2 * scale + 1);
    digitGlyphs[digit]!.forEach((row, y) => {
      [...row].forEach((pixel, x) => {
        if (pixel !== '#') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) ink[(top + y * scale + dy) * width + left + x * scale + dx] = 1;
        }
      });
    });
  });
  // Speckles defeat naive template matching but are too small to survive into the terminal rendering.
  for (let speckle = 0; speckle < (width * height) / 40; speckle++) {
    const index = (randomIndex(random, 256) * 256 + randomIndex(random, 256)) % (width * height);
    ink[index] = ink[index] ? 0 : 1;
  }

  const png = new PNG({ width, height });
  ink.forEach((on, index) => {
    const shade = on ? 20 : 245;
    png.data.set([shade, shade, shade, 255], index * 4);
  });
  return {
    answer,
    png: new Uint8Array(PNG.sync.write(png)),
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
  };
}
