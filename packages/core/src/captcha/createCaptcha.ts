import type { Random } from '../ports.js';
import { randomIndex } from '../lib/randomInt.js';
import { createInkCanvas, drawPolyline, encodeInkCanvas } from './lib/inkCanvas.js';
import { noiseStroke } from './lib/noiseStroke.js';
import { placeGlyph } from './lib/placeGlyph.js';
import { randomBetween } from './lib/randomBetween.js';
import { captchaAlphabet, strokeFont } from './lib/strokeFont.js';

export type Captcha = { answer: string; png: Uint8Array; expiresAt: Date };

// Pixels. The image is 24 terminal dots of 4×4 pixels high (renderCaptchaForTerminal).
const width = 296;
const height = 96;
const glyphWidth = 38;
const glyphHeight = 60;
const advance = 45;
const maxLength = 6; // what fits the width

/**
 * A new captcha: 5 or 6 characters of {@link captchaAlphabet}, each in one of several hand-drawn
 * shapes, bent, sheared, rotated and scaled on its own, packed so neighbours touch, with a wave
 * drawn across them by the same pen. Easy for a person; a solver has to separate and
 * recognise characters that no template fits (see testing/ for the learning solver it beats).
 * It is a speed bump against scripted guessing: the server's throttle is the defence.
 * Valid for `lifetimeSeconds`.
 */
export function createCaptcha({
  random,
  now,
  length = 5 + randomIndex(random, 2),
  lifetimeSeconds = 120,
}: {
  random: Random;
  now: Date;
  length?: number;
  lifetimeSeconds?: number;
}): Captcha {
  if (!Number.isInteger(length) || length < 1 || length > maxLength) throw new RangeError(`captcha length must be 1 to ${maxLength}`);
  const canvas = createInkCanvas(width, height);
  let answer = '';
  let centerX = (width - (length - 1) * advance) / 2;
  for (let position = 0; position < length; position++) {
    const character = captchaAlphabet[randomIndex(random, captchaAlphabet.length)]!;
    const shapes = strokeFont[character]!;
    const placement = {
      centerX: centerX + randomBetween(random, -3, 3),
      centerY: height / 2 + randomBetween(random, -7, 7),
      width: glyphWidth,
      height: glyphHeight,
    };
    const penWidth = randomBetween(random, 4.2, 5.8);
    for (const stroke of placeGlyph(shapes[randomIndex(random, shapes.length)]!, placement, random)) {
      drawPolyline(canvas, stroke, penWidth);
    }
    answer += character;
    centerX += advance + randomBetween(random, -3, 2);
  }
  drawPolyline(canvas, noiseStroke(random, width, height), randomBetween(random, 4.2, 5.8));
  return { answer, png: encodeInkCanvas(canvas), expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) };
}
