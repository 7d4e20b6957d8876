import { describe, expect, it } from 'vitest';
import { parseTokenFastPath } from './tokenFastPath.js';

describe('parseTokenFastPath', () => {
  it.each([
    [['token'], undefined],
    [['token', '--server', 'https://a.example'], 'https://a.example'],
    [['--server', 'https://a.example', 'token'], 'https://a.example'],
    [['token', '--server=https://a.example'], 'https://a.example'],
  ])('takes %j without commander', (argv, server) => {
    expect(parseTokenFastPath(argv)).toEqual({ server });
  });

  it.each([[[]], [['status']], [['token', '--help']], [['token', 'extra']], [['token', '--server']], [['token', 'token']],
    [['--server', 'a', '--server', 'b', 'token']]])('leaves %j to commander', (argv) => {
    expect(parseTokenFastPath(argv)).toBeUndefined();
  });
});
