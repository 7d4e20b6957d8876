import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createServerCli } from './createServerCli.js';

/** Every command one can run (an action of its own, or no subcommands), by its full name. */
const runnable = (command: Command, path: string[] = []): Array<[string, string[]]> => [
  // commander keeps the action private; a group without one only lists its subcommands
  ...(path.length > 0 && (command.commands.length === 0 || (command as unknown as { _actionHandler?: unknown })._actionHandler) ? [[path.join(' '), path] as [string, string[]]] : []),
  ...command.commands.flatMap((sub) => runnable(sub, [...path, sub.name()])),
];

function serverCli() {
  let stdout = '';
  const sink = new Writable({ write: (chunk, _encoding, done) => ((stdout += String(chunk)), done()) });
  return { cli: createServerCli({ stdin: process.stdin, stdout: sink, stderr: sink, env: {} }), stdout: () => stdout };
}

describe('gcis-server help', () => {
  it('shows examples for every command', async () => {
    const commands = runnable(serverCli().cli);
    expect(commands.length).toBeGreaterThan(15);
    for (const [name, path] of commands) {
      const { cli, stdout } = serverCli();
      await cli.parseAsync(['node', 'gcis-server', ...path, '--help']).catch(() => undefined);
      expect([name, stdout()]).toEqual([name, expect.stringMatching(/\nExamples:\n {2}\$ [^]*\bgcis-server /)]);
    }
  });
});
