import { describe, expect, it } from 'vitest';
import { loadChalk, useColour } from './colour.js';

const terminal = { stdin: true, stdout: true, stderr: true };
const pipe = { stdin: false, stdout: false, stderr: false };

describe('useColour', () => {
  it.each([
    ['a terminal', {}, terminal, true],
    ['a pipe', {}, pipe, false],
    ['NO_COLOR=1 on a terminal', { NO_COLOR: '1' }, terminal, false],
    ['an empty NO_COLOR (unset, per no-color.org) on a terminal', { NO_COLOR: '' }, terminal, true],
    ['FORCE_COLOR=1 into a pipe', { FORCE_COLOR: '1' }, pipe, true],
    ['FORCE_COLOR=3 into a pipe', { FORCE_COLOR: '3' }, pipe, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, terminal, false],
    ['FORCE_COLOR=false on a terminal', { FORCE_COLOR: 'false' }, terminal, false],
    ['NO_COLOR with FORCE_COLOR into a pipe: NO_COLOR wins', { NO_COLOR: '1', FORCE_COLOR: '1' }, pipe, false],
  ])('%s → %s', (_case, env, isTTY, expected) => {
    expect(useColour({ env, isTTY }, 'stderr')).toBe(expected);
  });

  it('looks at the stream it writes to', () => {
    const isTTY = { stdin: false, stdout: false, stderr: true };
    expect(useColour({ env: {}, isTTY }, 'stderr')).toBe(true);
    expect(useColour({ env: {}, isTTY }, 'stdout')).toBe(false);
  });
});

describe('loadChalk', () => {
  it('writes escapes when forced into a pipe and none under NO_COLOR on a terminal', async () => {
    expect((await loadChalk({ env: { FORCE_COLOR: '1' }, isTTY: pipe }, 'stderr')).green('x')).toMatch(/\x1b\[/);
    expect((await loadChalk({ env: { NO_COLOR: '1' }, isTTY: terminal }, 'stderr')).green('x')).toBe('x');
  });
});
