import type { Random } from '../../ports.js';
import { randomBetween } from './randomBetween.js';
import type { Glyph, Point } from './strokeFont.js';

export type Placement = { centerX: number; centerY: number; width: number; height: number };

/**
 * One glyph's strokes in image pixels, each drawn by a slightly different hand: a smooth wobble
 * bends the strokes, then shear, rotation (±13°) and scale (±12 %) put it at its place.
 */
export function placeGlyph(glyph: Glyph, { centerX, centerY, width, height }: Placement, random: Random): Point[][] {
  const wobble = Array.from({ length: 4 }, () => randomBetween(random, 0, 2 * Math.PI));
  const amplitude = randomBetween(random, 0.03, 0.06);
  const shear = randomBetween(random, -0.22, 0.22);
  const angle = randomBetween(random, -0.22, 0.22);
  const scale = randomBetween(random, 0.88, 1.12);
  const stretch = randomBetween(random, 0.9, 1.1);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  return glyph.map((stroke) =>
    stroke.map(([x, y]) => {
      const bentX = x + amplitude * Math.sin(2 * Math.PI * y + wobble[0]!) * Math.cos(Math.PI * x + wobble[1]!);
      const bentY = y + amplitude * Math.sin(2 * Math.PI * x + wobble[2]!) * Math.cos(Math.PI * y + wobble[3]!);
      const v = (bentY - 0.5) * height * scale;
      const u = (bentX - 0.5) * width * scale * stretch + shear * v;
      return [centerX + u * cos - v * sin, centerY + u * sin + v * cos] as const;
    }),
  );
}
