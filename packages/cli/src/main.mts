import { homedir } from 'node:os';
import { createCli } from './createCli.js';
import type { CliDeps } from './deps.js';
import { exitCodeFor, formatError } from './errors/exitCodes.js';
import { createPrompts } from './io/prompts.js';
import { resolveConfigDir } from './session/configDir.js';
import { langFlag } from '@gcis/core/i18n';
import { messagesFor } from './i18n/messages.js';

/**
 * Every command but the plain `gcis token`: bin.js loads this ES module and sets the exit status
 * to what it resolves to. Errors end here as one stderr line (see exitCodes.ts).
 */
export async function main(argv: readonly string[]): Promise<number> {
  const deps = processDeps(langFlag(argv));
  try {
    return await createCli(deps).parseAsync(argv);
  } catch (error) {
    deps.stderr.write(formatError(error, deps.env, messagesFor(deps.env)));
    return exitCodeFor(error);
  }
}

/** The process's streams and environment; `--lang` travels as GCIS_LANG, which it outranks. */
function processDeps(lang: string | undefined): CliDeps {
  const { stdin, stdout, stderr } = process;
  const env = lang === undefined ? process.env : { ...process.env, GCIS_LANG: lang };
  return {
    env,
    stdin,
    stdout,
    stderr,
    isTTY: { stdin: Boolean(stdin.isTTY), stdout: Boolean(stdout.isTTY), stderr: Boolean(stderr.isTTY) },
    prompts: createPrompts(() => ({ input: stdin, output: stderr }), messagesFor(env).required),
    clock: { now: () => new Date() },
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
    configDir: resolveConfigDir(env, homedir()),
    selfCommand: [process.execPath, ...process.execArgv, process.argv[1] ?? ''],
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  };
}
