import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { addCardCommands } from './cli/cardCommands.js';
import type { CommandGroup } from './cli/commandGroup.js';
import { addCompletionCommand } from './cli/completionCommand.js';
import { examples } from './cli/flags.js';
import { addLoginCommands } from './cli/loginCommands.js';
import { addSessionCommands } from './cli/sessionCommands.js';
import { addSigningCommands } from './cli/signingCommands.js';
import { addTotpCommands } from './cli/totpCommands.js';
import type { CliDeps } from './deps.js';
import { defaultServer, resolveServer } from './session/serverUrl.js';

export type Cli = {
  program: Command;
  /** Parses user arguments (no `node`, no script path) and runs the command; resolves to the exit code. */
  parseAsync(argv: readonly string[]): Promise<number>;
};

/**
 * Wires the commands into commander. Commands are plain functions of (options, deps); commander
 * only parses. Errors are thrown, not printed: bin.ts prints one line and picks the exit code.
 * Each command group (cli/*Commands.ts) adds its commands; the order here is the order of --help.
 */
export function createCli(deps: CliDeps): Cli {
  let exitCode = 0;
  const program = new Command('gcis')
    .description('Log in to the business portal (商工入口網) from a terminal or CI, and reuse the session.')
    .version(packageJson.version, '-V, --version')
    .option('--server <url>', `gcis server URL or alias; env GCIS_SERVER; else the one gcis use chose (default: ${defaultServer})`)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `\nSecrets come from stdin, GCIS_ variables or masked prompts, never from arguments.
Exit codes: 0 ok, 1 error, 2 usage, 3 cancelled or timed out, 4 not logged in or rejected, 130 interrupted.
${examples('gcis login', 'gcis exec -- ./file-report.sh', 'curl -H "Authorization: Bearer $(gcis token)" …')}`,
    );
  const group: CommandGroup = {
    program,
    deps,
    serverOf: (command) => resolveServer(command.optsWithGlobals<{ server?: string }>().server, deps.env, deps.configDir),
    setExitCode: (code) => (exitCode = code),
  };
  addLoginCommands(group);
  addSessionCommands(group);
  addTotpCommands(group);
  addCardCommands(group);
  addSigningCommands(group);
  addCompletionCommand(group);

  return {
    program,
    async parseAsync(argv) {
      await program.parseAsync([...argv], { from: 'user' });
      return exitCode;
    },
  };
}
