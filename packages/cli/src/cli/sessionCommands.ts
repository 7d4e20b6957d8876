import type { Command } from 'commander';
import { exec } from '../commands/exec.js';
import { logout } from '../commands/logout.js';
import { status } from '../commands/status.js';
import { token } from '../commands/token.js';
import type { CommandGroup } from './commandGroup.js';
import { examples } from './flags.js';

/** `gcis token`, `status`, `logout` and `exec`: using and ending the stored session. */
export function addSessionCommands({ program, deps, serverOf, setExitCode }: CommandGroup): void {
  program
    .command('token')
    .description('print the session token alone on stdout (GCIS_TOKEN wins over the store)')
    .addHelpText('after', examples('curl -H "Authorization: Bearer $(gcis token)" http://127.0.0.1:8470/v1/session'))
    .action(async (_options: object, command: Command) => token({ server: await serverOf(command) }, deps));

  program
    .command('status')
    .description('ask the server who is logged in, and say where the token came from')
    .option('--json', 'print one JSON object, with tokenSource "env" or "store"')
    .addHelpText('after', examples('gcis status', 'gcis status --json --server https://gcis.example'))
    .action(async (options: { json?: boolean }, command: Command) =>
      status({ ...options, server: await serverOf(command) }, deps),
    );

  program
    .command('logout')
    .description('end the session on the server, then forget it here')
    .addHelpText('after', examples('gcis logout', "trap 'gcis logout' EXIT"))
    .action(async (_options: object, command: Command) => logout({ server: await serverOf(command) }, deps));

  program
    .command('exec')
    .description('run a command with GCIS_TOKEN and GCIS_SERVER set; exits with its status')
    .argument('<command>', 'program to run (no shell)')
    .argument('[args...]', 'its arguments; put -- before the command')
    .addHelpText('after', examples('gcis exec -- ./file-report.sh --month 2026-11', 'gcis exec -- node upload.mjs'))
    .action(async (command: string, args: string[], _options: object, self: Command) => {
      setExitCode(await exec({ server: await serverOf(self), command, args }, deps));
    });
}
