import { homedir } from 'node:os';
import { token } from './commands/token.js';
import type { TextOutput } from './deps.js';
import { exitCodeFor, formatError } from './errors/exitCodes.js';
import { resolveConfigDir } from './session/configDir.js';
import { resolveServer } from './session/serverUrl.js';
import { parseTokenFastPath } from './tokenFastPath.js';

// The only module that touches process.argv and the exit status.
//
// Built as CommonJS (tsup.config.ts): on Node 20 an ES module entry point alone starts up to 30 %
// slower than `node -e 0`, the whole of `gcis token`'s budget. So the plain `gcis token` is
// answered here, from the few modules imported above; everything else loads the ES module main.mjs.

const argv = process.argv.slice(2);
const fast = parseTokenFastPath(argv);
const run = fast ? printToken(fast.server) : import('./main.mjs').then(({ main }) => main(argv));
// exitCode rather than exit(): pending writes to a pipe are flushed first.
void run.then((code) => (process.exitCode = code));

async function printToken(serverFlag: string | undefined): Promise<number> {
  const { env } = process;
  try {
    const configDir = resolveConfigDir(env, homedir());
    const server = await resolveServer(serverFlag, env, configDir);
    const clock = { now: () => new Date() };
    await token({ server }, { env, configDir, clock, stdout: directStdout });
    return 0;
  } catch (error) {
    // the catalogue loads only now, when there is something to say
    const { messagesFor } = await import('./i18n/messages.js');
    process.stderr.write(formatError(error, env, messagesFor(env)));
    return exitCodeFor(error);
  }
}

/**
 * fd 1 written directly: building process.stdout for a pipe loads net and the streams, a good part
 * of `gcis token`'s run time. A non-blocking pipe that is full falls back to process.stdout.
 */
const directStdout: TextOutput = {
  write(text) {
    const bytes = Buffer.from(text);
    let offset = 0;
    try {
      const { writeSync } = process.getBuiltinModule('node:fs');
      while (offset < bytes.length) offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      process.stdout.write(bytes.subarray(offset));
    }
  },
};
