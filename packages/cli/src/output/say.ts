import type { CliDeps } from '../deps.js';

/** A message for people on stderr, marked with a green tick when stderr is a colour terminal. */
export async function saySuccess({ isTTY, stderr }: Pick<CliDeps, 'isTTY' | 'stderr'>, message: string) {
  let mark = '✔';
  if (isTTY.stderr) {
    const { chalkStderr } = await import('chalk'); // honours NO_COLOR and FORCE_COLOR by itself
    mark = chalkStderr.green(mark);
  }
  stderr.write(`${mark} ${message}\n`);
}

/** A plain note for people on stderr. */
export function sayNote({ stderr }: Pick<CliDeps, 'stderr'>, message: string) {
  stderr.write(`gcis: ${message}\n`);
}

/** A warning for people on stderr, in yellow when stderr is a colour terminal. */
export async function sayWarning({ isTTY, stderr }: Pick<CliDeps, 'isTTY' | 'stderr'>, message: string) {
  let text = `gcis: warning: ${message}`;
  if (isTTY.stderr) {
    const { chalkStderr } = await import('chalk');
    text = chalkStderr.yellow(text);
  }
  stderr.write(`${text}\n`);
}
