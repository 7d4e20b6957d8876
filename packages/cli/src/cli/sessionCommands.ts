import type { Command } from 'commander';
import { exec } from '../commands/exec.js';
import { logout } from '../commands/logout.js';
import { status } from '../commands/status.js';
import { parseTimeout, statusAll } from '../commands/statusAll.js';
import { token } from '../commands/token.js';
import { use } from '../commands/use.js';
import type { CommandGroup } from './commandGroup.js';
import { examples } from './flags.js';

/** `gcis token`, `status`, `use`, `logout` and `exec`: choosing, using and ending the stored sessions. */
export function addSessionCommands({ program, deps, serverOf, setExitCode }: CommandGroup): void {
  program
    .command('token')
    .description('print the session token alone on stdout (GCIS_TOKEN wins over the store)')
    .addHelpText('after', examples('curl -H "Authorization: Bearer $(gcis token)" http://127.0.0.1:8470/v1/session'))
    .action(async (_options: object, command: Command) => token({ server: await serverOf(command) }, deps));

  program
    .command('status')
    .description('ask the server who is logged in, and say where the token came from')
    .option('--json', 'print one JSON object, with tokenSource "env" or "store" (with --all: an array)')
    .option('--all', 'every server in the token store, asked at once; the default marked *')
    .option('--timeout <seconds>', 'with --all: how long to wait for each server', '5')
    .addHelpText('after', examples('gcis status', 'gcis status --json --server https://gcis.example', 'gcis status --all'))
    .action(async (options: { json?: boolean; all?: boolean; timeout: string }, command: Command) =>
      options.all
        ? statusAll({ json: options.json, timeoutSeconds: parseTimeout(options.timeout) }, deps)
        : status({ json: options.json, server: await serverOf(command) }, deps),
    );

  program
    .command('use')
    .description('the server to use when neither --server nor GCIS_SERVER names one')
    .argument('<server>', 'its URL, or an alias')
    .option('--alias <name>', 'also name it, for --server NAME and gcis use NAME')
    .addHelpText('after', examples('gcis use https://gcis.example --alias prod', 'gcis use prod', 'gcis use http://127.0.0.1:8470'))
    .action(async (target: string, options: { alias?: string }) => use({ target, ...options }, deps));

  program
    .command('logout')
    .description('end the session on the server, then forget it here')
    .option('--local', 'only forget it here, without the server (gone or unreachable); it stays valid there until it ends')
    .addHelpText('after', examples('gcis logout', "trap 'gcis logout' EXIT", 'gcis logout --local --server https://gone.example'))
    .action(async (options: { local?: boolean }, command: Command) => logout({ ...options, server: await serverOf(command) }, deps));

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
