import { PNG } from 'pngjs';

/**
 * Turns a QR code drawn with Unicode half blocks back into a PNG for a real decoder (zbarimg):
 * each character is one module wide and two modules tall. `inkIsBlock` says whether the drawn
 * blocks are the dark modules or the light ones (renderers for dark terminals invert).
 */
export function qrTextToPng(text: string, { inkIsBlock, scale = 6 }: { inkIsBlock: boolean; scale?: number }): Buffer {
  const rows = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => /[█▀▄]/.test(line));
  const width = Math.max(...rows.map((row) => [...row].length));
  const modules: boolean[][] = [];
  for (const row of rows) {
    const chars = [...row.padEnd(width, ' ')];
    modules.push(chars.map((char) => char === '█' || char === '▀'));
    modules.push(chars.map((char) => char === '█' || char === '▄'));
  }
  const margin = 4;
  const size = (n: number) => (n + 2 * margin) * scale;
  const png = new PNG({ width: size(width), height: size(modules.length) });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const block = modules[Math.floor(y / scale) - margin]?.[Math.floor(x / scale) - margin];
      const dark = block !== undefined && block === inkIsBlock;
      const shade = dark ? 0 : 255;
      png.data.set([shade, shade, shade, 255], (y * png.width + x) * 4);
    }
  }
  return PNG.sync.write(png);
}
