import { describe, expect, it } from 'vitest';
import { alignLabels, displayWidth, padDisplay } from './displayWidth.js';

describe('displayWidth', () => {
  it('counts a CJK or fullwidth character as two columns', () => {
    expect(displayWidth('account')).toBe(7);
    expect(displayWidth('身分證號')).toBe(8);
    expect(displayWidth('帳號（TOTP）')).toBe(4 + 2 + 4 + 2);
  });

  it('pads to terminal columns, not string length', () => {
    expect(padDisplay('帳號', 6)).toBe('帳號  ');
    expect(padDisplay('toolong', 3)).toBe('toolong');
  });

  it('lines up values after labels of mixed widths', () => {
    const lines = alignLabels([
      ['伺服器', 'a'],
      ['帳號', 'b'],
      ['PIN', 'c'],
    ]);
    const columns = lines.map((line) => displayWidth(line) - 1);
    expect(new Set(columns).size).toBe(1);
  });
});
