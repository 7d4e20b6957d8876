import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { renderQr } from './renderQr.js';

const uri = 'otpauth://totp/GCIS:alice%20(v2)?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GCIS&digits=6&period=30';

/** Reads the half blocks back into rows of modules, dark = true. */
function modulesOf(text: string): boolean[][] {
  const rows: boolean[][] = [];
  for (const line of text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\n$/, '').split('\n')) {
    const chars = [...line];
    rows.push(chars.map((char) => char === '█' || char === '▀'));
    rows.push(chars.map((char) => char === '█' || char === '▄'));
  }
  return rows;
}

describe('renderQr', () => {
  it('draws every module of the QR code, dark ones as ink, inside a light quiet zone', async () => {
    const { modules } = create(uri, { errorCorrectionLevel: 'M' });
    const drawn = modulesOf(await renderQr(uri, { colour: false }));
    const expected = Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1),
    );
    expect(drawn.slice(2, 2 + modules.size).map((row) => row.slice(2, 2 + modules.size))).toEqual(expected);
    const quietZone = [...drawn.slice(0, 2), ...drawn.slice(2 + modules.size)].flat();
    const sides = drawn.flatMap((row) => [...row.slice(0, 2), ...row.slice(2 + modules.size)]);
    expect([...quietZone, ...sides].every((module) => !module)).toBe(true);
  });

  it('draws the same modules black on white on a terminal, and uses no escapes elsewhere', async () => {
    const onTerminal = await renderQr(uri, { colour: true });
    const plain = await renderQr(uri, { colour: false });
    expect(onTerminal).toContain('\x1b[30;47m');
    expect(plain).not.toContain('\x1b[');
    expect(modulesOf(onTerminal)).toEqual(modulesOf(plain));
  });
});
