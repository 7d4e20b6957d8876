import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createCli } from './createCli.js';
import { fakeDeps } from './testing/fakeDeps.js';

/** Every command one can run (an action of its own, or no subcommands), by its full name. */
const runnable = (command: Command, path: string[] = []): Array<[string, string[]]> => [
  // commander keeps the action private; a group without one only lists its subcommands
  ...(path.length > 0 && (command.commands.length === 0 || (command as unknown as { _actionHandler?: unknown })._actionHandler) ? [[path.join(' '), path] as [string, string[]]] : []),
  ...command.commands.flatMap((sub) => runnable(sub, [...path, sub.name()])),
];

describe('gcis help', () => {
  it('shows examples for every command', async () => {
    const commands = runnable(createCli((await fakeDeps()).deps).program);
    expect(commands.length).toBeGreaterThan(10);
    for (const [name, path] of commands) {
      const fake = await fakeDeps();
      await createCli(fake.deps).parseAsync([...path, '--help']).catch(() => undefined);
      expect([name, fake.stdout()]).toEqual([name, expect.stringMatching(/\nExamples?:\n[^]*\bgcis /)]);
    }
  });
});
