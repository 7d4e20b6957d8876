import { createServerCli } from './createServerCli.js';
import { exitCodeFor, formatError } from './exitCodes.js';

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

try {
  await createServerCli(io).parseAsync(process.argv);
} catch (error) {
  process.stderr.write(formatError(error, process.env));
  process.exitCode = exitCodeFor(error);
}
