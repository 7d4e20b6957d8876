import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { addCardCommands } from './cli/cardCommands.js';
import type { CommandGroup } from './cli/commandGroup.js';
import { addCompletionCommand } from './cli/completionCommand.js';
import { helpParts } from './cli/flags.js';
import { addLoginCommands } from './cli/loginCommands.js';
import { addSessionCommands } from './cli/sessionCommands.js';
import { addSigningCommands } from './cli/signingCommands.js';
import { addTotpCommands } from './cli/totpCommands.js';
import type { CliDeps } from './deps.js';
import { commanderWords, detectLocale } from '@gcis/core/i18n';
import { localizeHelp } from '@gcis/core/i18n/terminal';
import { messagesFor } from './i18n/messages.js';
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
 * Help is built in the reader's language (`--lang` has reached `deps.env` as GCIS_LANG: main.mts).
 */
export function createCli(deps: CliDeps): Cli {
  let exitCode = 0;
  const t = messagesFor(deps.env);
  const { help, examples } = helpParts(t);
  const locale = detectLocale(deps.env);
  const program = new Command('gcis');
  localizeHelp(program, locale);
  program
    .description(help.program)
    .version(packageJson.version, '-V, --version', commanderWords[locale].version)
    .option('--server <url>', help.server(defaultServer))
    .option('--lang <locale>', help.lang)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: () => {}, // bin.ts prints the one-line error
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `\n${help.footer}\n${examples('gcis login', 'gcis exec -- ./file-report.sh', 'curl -H "Authorization: Bearer $(gcis token)" …')}`,
    );
  const group: CommandGroup = {
    program,
    deps,
    t,
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
