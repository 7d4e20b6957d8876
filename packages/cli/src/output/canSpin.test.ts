import { describe, expect, it } from 'vitest';
import { canSpin } from './canSpin.js';

const terminal = { stdin: true, stdout: true, stderr: true };
const pipe = { stdin: false, stdout: false, stderr: false };

describe('canSpin', () => {
  it.each([
    ['a terminal 80 columns wide', terminal, { columns: 80 }, true],
    ['a terminal that reports 0 columns (ora would loop forever clearing lines)', terminal, { columns: 0 }, false],
    ['a terminal that reports no width at all', terminal, {}, false],
    ['a pipe, whatever it claims', pipe, { columns: 80 }, false],
  ])('%s → %s', (_case, isTTY, stderr, expected) => {
    expect(canSpin({ isTTY, stderr: stderr as NodeJS.WritableStream })).toBe(expected);
  });
});
