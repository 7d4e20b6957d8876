import type { Bitmap } from './binarise.js';

/**
 * Morphological opening with a `side`×`side` square: erases every stroke thinner than `side`
 * pixels and gives the thicker ones back their shape — how an attacker strips noise lines
 * drawn with a finer pen than the characters.
 */
export function openBitmap(bitmap: Bitmap, side: number): Bitmap {
  const low = Math.floor(side / 2);
  const high = side - low; // the window [x - low, x + high) erodes; dilation uses its mirror image
  const eroded = windowRule(bitmap, low, high, (inked) => inked === side * side);
  return windowRule(eroded, high - 1, low + 1, (inked) => inked > 0);
}

/** Each pixel set by `rule` on the number of inked pixels in [x - before, x + after) × [y - before, y + after). */
function windowRule({ width, height, on }: Bitmap, before: number, after: number, rule: (inked: number) => boolean): Bitmap {
  const stride = width + 1;
  const sums = new Int32Array(stride * (height + 1)); // summed-area table
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += on[y * width + x]!;
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1]! + row;
    }
  }
  const out = new Uint8Array(on.length);
  for (let y = 0; y < height; y++) {
    const [top, bottom] = [Math.max(0, y - before), Math.min(height, y + after)];
    for (let x = 0; x < width; x++) {
      const [left, right] = [Math.max(0, x - before), Math.min(width, x + after)];
      const inked = sums[bottom * stride + right]! - sums[top * stride + right]! - sums[bottom * stride + left]! + sums[top * stride + left]!;
      out[y * width + x] = rule(inked) ? 1 : 0;
    }
  }
  return { width, height, on: out };
}
