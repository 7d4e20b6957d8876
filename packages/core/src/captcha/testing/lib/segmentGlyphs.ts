import type { Bitmap } from './binarise.js';

/** A column range of the image believed to hold one character. */
export type Segment = { left: number; right: number };

/**
 * Cuts an image into `count` character columns the way OCR front ends do: connected components
 * (specks below `minArea` dropped, components stacked in the same columns merged), then the
 * widest pieces split at the emptiest column near where a character boundary should be.
 */
export function segmentGlyphs(bitmap: Bitmap, count: number, minArea: number): Segment[] {
  const segments = components(bitmap, minArea);
  while (segments.length > count) {
    segments.sort((a, b) => a.right - a.left - (b.right - b.left));
    segments.shift();
  }
  const average = segments.reduce((sum, { left, right }) => sum + right - left, 0) / count;
  while (segments.length > 0 && segments.length < count) {
    segments.sort((a, b) => b.right - b.left - (a.right - a.left));
    const widest = segments.shift()!;
    const holds = Math.min(count - segments.length, Math.max(2, Math.round((widest.right - widest.left) / average)));
    const cut = emptiestColumn(bitmap, widest, widest.left + (widest.right - widest.left) / holds);
    segments.push({ left: widest.left, right: cut }, { left: cut, right: widest.right });
  }
  return segments.sort((a, b) => a.left - b.left);
}

function components({ width, height, on }: Bitmap, minArea: number): Segment[] {
  const label = new Int32Array(on.length).fill(-1);
  const found: (Segment & { area: number })[] = [];
  const stack = new Int32Array(on.length);
  for (let start = 0; start < on.length; start++) {
    if (!on[start] || label[start]! >= 0) continue;
    const box = { left: width, right: 0, area: 0 };
    label[start] = found.length;
    let size = 0;
    stack[size++] = start;
    while (size > 0) {
      const index = stack[--size]!;
      const x = index % width;
      const y = (index - x) / width;
      if (x < box.left) box.left = x;
      if (x + 1 > box.right) box.right = x + 1;
      box.area++;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const next = ny * width + nx;
          if (on[next] && label[next]! < 0) {
            label[next] = found.length;
            stack[size++] = next;
          }
        }
      }
    }
    found.push(box);
  }
  const kept = found.filter((box) => box.area >= minArea).sort((a, b) => a.left - b.left);
  const merged: Segment[] = [];
  for (const box of kept) {
    const last = merged.at(-1);
    const overlap = last ? Math.min(last.right, box.right) - box.left : 0;
    if (last && overlap > 0.7 * Math.min(box.right - box.left, last.right - last.left)) last.right = Math.max(last.right, box.right);
    else merged.push({ left: box.left, right: box.right });
  }
  return merged;
}

/** The column with the least ink within a quarter of the segment's width around `near`. */
function emptiestColumn({ width, height, on }: Bitmap, segment: Segment, near: number): number {
  const reach = Math.max(1, Math.floor((segment.right - segment.left) / 4));
  let best = Math.round(near);
  let bestInk = Number.POSITIVE_INFINITY;
  for (let x = Math.max(segment.left + 1, Math.round(near) - reach); x <= Math.min(segment.right - 1, Math.round(near) + reach); x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) ink += on[y * width + x]!;
    if (ink < bestInk) [best, bestInk] = [x, ink];
  }
  return best;
}
