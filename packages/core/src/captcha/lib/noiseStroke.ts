import type { Random } from '../../ports.js';
import { randomBetween } from './randomBetween.js';
import type { Point } from './strokeFont.js';

/**
 * A wave from the left edge to the right one through the band the glyphs sit in, drawn with the
 * glyphs' own pen: it joins neighbours into one blob and crosses their strokes, so neither
 * connected components nor stroke width nor ink tell it from the characters. A person follows it
 * as one long line; its slope keeps changing, so it rarely passes for a letter's bar.
 */
export function noiseStroke(random: Random, width: number, height: number): Point[] {
  const middle = randomBetween(random, height * 0.4, height * 0.6);
  const amplitude = randomBetween(random, height * 0.1, height * 0.2);
  const cycles = randomBetween(random, 0.9, 1.8);
  const phase = randomBetween(random, 0, 2 * Math.PI);
  const steps = 48;
  return Array.from({ length: steps + 1 }, (_, step) => {
    const x = (width * step) / steps;
    return [x, middle + amplitude * Math.sin((2 * Math.PI * cycles * step) / steps + phase)] as const;
  });
}
