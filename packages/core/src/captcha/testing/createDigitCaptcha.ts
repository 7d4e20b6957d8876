import { PNG } from 'pngjs';
import type { Random } from '../../ports.js';
import { randomIndex, randomString } from '../../lib/randomInt.js';
import { digitGlyphs, glyphHeight, glyphWidth } from './lib/digitFont.js';

const scale = 4;
const cell = (glyphWidth + 2) * scale;
const height = (glyphHeight + 4) * scale;

/**
 * The first captcha gcis shipped, kept for the solver's control only: five 5×7 bitmap digits with
 * jitter and speckles. A 40-line template matcher read it 200 times out of 200 (issue 8); the
 * learning solver must read it too, or its failure on the current captcha would prove nothing.
 */
export function createDigitCaptcha(random: Random, length = 5): { answer: string; png: Uint8Array } {
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
  return { answer, png: new Uint8Array(PNG.sync.write(png)) };
}
