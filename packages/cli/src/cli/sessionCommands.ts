import type { Command } from 'commander';
import { exec } from '../commands/exec.js';
import { logout } from '../commands/logout.js';
import { status } from '../commands/status.js';
import { parseTimeout, statusAll } from '../commands/statusAll.js';
import { token } from '../commands/token.js';
import { use } from '../commands/use.js';
import type { CommandGroup } from './commandGroup.js';
import { helpParts } from './flags.js';

/** `gcis token`, `status`, `use`, `logout` and `exec`: choosing, using and ending the stored sessions. */
export function addSessionCommands({ program, deps, serverOf, setExitCode, t }: CommandGroup): void {
  const { help, examples } = helpParts(t);
  program
    .command('token')
    .description(help.token)
    .addHelpText('after', examples('curl -H "Authorization: Bearer $(gcis token)" http://127.0.0.1:8470/v1/session'))
    .action(async (_options: object, command: Command) => token({ server: await serverOf(command) }, deps));

  program
    .command('status')
    .description(help.status.description)
    .option('--json', help.status.json)
    .option('--all', help.status.all)
    .option('--timeout <seconds>', help.status.timeout, '5')
    .addHelpText('after', examples('gcis status', 'gcis status --json --server https://gcis.example', 'gcis status --all'))
    .action(async (options: { json?: boolean; all?: boolean; timeout: string }, command: Command) =>
      options.all
        ? statusAll({ json: options.json, timeoutSeconds: parseTimeout(options.timeout, t) }, deps)
        : status({ json: options.json, server: await serverOf(command) }, deps),
    );

  program
    .command('use')
    .description(help.use.description)
    .argument('<server>', help.use.server)
    .option('--alias <name>', help.use.alias)
    .addHelpText('after', examples('gcis use https://gcis.example --alias prod', 'gcis use prod', 'gcis use http://127.0.0.1:8470'))
    .action(async (target: string, options: { alias?: string }) => use({ target, ...options }, deps));

  program
    .command('logout')
    .description(help.logout.description)
    .option('--local', help.logout.local)
    .addHelpText('after', examples('gcis logout', "trap 'gcis logout' EXIT", 'gcis logout --local --server https://gone.example'))
    .action(async (options: { local?: boolean }, command: Command) => logout({ ...options, server: await serverOf(command) }, deps));

  program
    .command('exec')
    .description(help.exec.description)
    .argument('<command>', help.exec.command)
    .argument('[args...]', help.exec.args)
    .addHelpText('after', examples('gcis exec -- ./file-report.sh --month 2026-11', 'gcis exec -- node upload.mjs'))
    .action(async (command: string, args: string[], _options: object, self: Command) => {
      setExitCode(await exec({ server: await serverOf(self), command, args }, deps));
    });
}
