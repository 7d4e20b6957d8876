import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { createPrompts } from './prompts.js';

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let drawn = '';
  output.on('data', (chunk: Buffer) => (drawn += chunk.toString('utf8')));
  const prompts = createPrompts(() => ({ input, output }));
  const type = (text: string) => setTimeout(() => input.write(text), 20);
  return { prompts, type, drawn: () => drawn };
}

describe('createPrompts', () => {
  it('reads a password without ever drawing it', async () => {
    const { prompts, type, drawn } = terminal();
    type('s3cret-pw\r');
    expect(await prompts.password('Password')).toBe('s3cret-pw');
    expect(drawn()).toContain('Password');
    expect(drawn()).not.toContain('s3cret-pw');
  });

  it('trims what is typed at an input prompt', async () => {
    const { prompts, type } = terminal();
    type('  alice  \r');
    expect(await prompts.input('Account')).toBe('alice');
  });

  it('turns Ctrl-C into an interruption that exits 130', async () => {
    const { prompts, type } = terminal();
    type('\x03');
    const error = await prompts.password('Password').catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(130);
  });
});
