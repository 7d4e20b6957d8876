import type { Random } from '../../ports.js';
import { randomBetween } from './randomBetween.js';
import type { Point } from './strokeFont.js';

/**
 * A cubic curve from the left edge to the right one through the band the glyphs sit in, drawn
 * with the glyphs' pen: it joins neighbours into one blob and crosses strokes, so neither
 * connected components nor stroke width separate it from the characters.
 */
export function noiseStroke(random: Random, width: number, height: number): Point[] {
  const band = () => randomBetween(random, height * 0.22, height * 0.78);
  const [a, b, c, d] = [
    [randomBetween(random, 0, width * 0.1), band()],
    [randomBetween(random, width * 0.2, width * 0.45), randomBetween(random, 0, height)],
    [randomBetween(random, width * 0.55, width * 0.8), randomBetween(random, 0, height)],
    [randomBetween(random, width * 0.9, width), band()],
  ] as const;
  return Array.from({ length: 33 }, (_, step) => {
    const t = step / 32;
    const weights = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3] as const;
    return [
      weights[0] * a[0] + weights[1] * b[0] + weights[2] * c[0] + weights[3] * d[0],
      weights[0] * a[1] + weights[1] * b[1] + weights[2] * c[1] + weights[3] * d[1],
    ] as const;
  });
}
