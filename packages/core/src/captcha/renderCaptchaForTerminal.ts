import { PNG } from 'pngjs';

/** A captcha is this many terminal lines high. */
const linesHigh = 12;

// Quadrant blocks indexed by their inked quarters: top-left 8, top-right 4, bottom-left 2, bottom-right 1.
const quadrants = ' ▗▖▄▝▐▞▟▘▚▌▙▀▜▛█';

/**
 * Draws a captcha PNG with Unicode quadrant blocks: each character cell shows 2×2 pixel areas
 * (half a cell wide, half a line high), inked when its pixels are on average more ink than paper,
 * so strokes keep their shape at twice the horizontal detail of half blocks.
 */
export function renderCaptchaForTerminal(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  const areaHeight = Math.max(2, Math.round(image.height / (2 * linesHigh)));
  const areaWidth = areaHeight / 2;
  const inked = (column: number, row: number) => {
    let ink = 0;
    let pixels = 0;
    for (let y = Math.round(row * areaHeight); y < Math.min(image.height, Math.round((row + 1) * areaHeight)); y++) {
      for (let x = Math.round(column * areaWidth); x < Math.min(image.width, Math.round((column + 1) * areaWidth)); x++) {
        ink += 255 - image.data[(y * image.width + x) * 4]!;
        pixels++;
      }
    }
    return pixels > 0 && ink / (pixels * 255) >= 0.5;
  };
  const lines: string[] = [];
  for (let row = 0; row * areaHeight < image.height; row += 2) {
    let line = '';
    for (let column = 0; column * areaWidth < image.width; column += 2) {
      const bits = [inked(column, row), inked(column + 1, row), inked(column, row + 1), inked(column + 1, row + 1)];
      line += quadrants[bits.reduce((index, on) => index * 2 + (on ? 1 : 0), 0)];
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
