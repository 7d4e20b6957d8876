import type { Bitmap } from './binarise.js';
import type { Segment } from './segmentGlyphs.js';

/** Side of the normalised glyph; 16×16 bits pack into 8 words. */
export const glyphSide = 16;
export const glyphWords = (glyphSide * glyphSide) / 32;

/**
 * A segment cropped to its ink and scaled, aspect kept and centred, to 16×16 bits: a cell is on
 * when at least a third of the pixels it covers are.
 */
export function normaliseGlyph({ width, height, on }: Bitmap, { left, right }: Segment): Uint32Array {
  let [top, bottom] = [height, 0];
  for (let y = 0; y < height; y++) {
    for (let x = left; x < right; x++) {
      if (on[y * width + x]) [top, bottom] = [Math.min(top, y), Math.max(bottom, y + 1)];
    }
  }
  const bits = new Uint32Array(glyphWords);
  if (bottom <= top) return bits;
  const side = Math.max(right - left, bottom - top);
  const [originX, originY] = [left - (side - (right - left)) / 2, top - (side - (bottom - top)) / 2];
  const step = side / glyphSide;
  for (let cy = 0; cy < glyphSide; cy++) {
    for (let cx = 0; cx < glyphSide; cx++) {
      let [ink, pixels] = [0, 0];
      for (let y = Math.floor(originY + cy * step); y < Math.ceil(originY + (cy + 1) * step); y++) {
        for (let x = Math.floor(originX + cx * step); x < Math.ceil(originX + (cx + 1) * step); x++) {
          pixels++;
          if (x >= left && x < right && y >= 0 && y < height) ink += on[y * width + x]!;
        }
      }
      if (pixels > 0 && ink * 3 >= pixels) {
        const bit = cy * glyphSide + cx;
        bits[bit >>> 5]! |= 1 << (bit & 31);
      }
    }
  }
  return bits;
}
