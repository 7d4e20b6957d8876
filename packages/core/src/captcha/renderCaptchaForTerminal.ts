import { PNG } from 'pngjs';

/**
 * Draws a captcha PNG with Unicode half blocks: each character is a 2×4 pixel cell, its top and
 * bottom half inked when most of their 2×2 pixels are dark. Speckles drop out; strokes stay.
 */
export function renderCaptchaForTerminal(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  const dark = (x: number, y: number) => {
    if (x >= image.width || y >= image.height) return 0;
    const offset = (y * image.width + x) * 4;
    return image.data[offset]! < 128 ? 1 : 0;
  };
  const block = (x: number, y: number) => dark(x, y) + dark(x + 1, y) + dark(x, y + 1) + dark(x + 1, y + 1) >= 3;
  const lines: string[] = [];
  for (let y = 0; y < image.height; y += 4) {
    let line = '';
    for (let x = 0; x < image.width; x += 2) {
      const top = block(x, y);
      const bottom = block(x, y + 2);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
