import type { CliDeps } from '../deps.js';
import { messagesFor } from '../i18n/messages.js';
import { loadChalk, useColour } from './colour.js';

type SayDeps = Pick<CliDeps, 'env' | 'isTTY' | 'stderr'>;

/** A message for people on stderr, marked with a green tick when stderr takes colour (output/colour.ts). */
export async function saySuccess(deps: SayDeps, message: string) {
  let mark = '✔';
  if (useColour(deps, 'stderr')) mark = (await loadChalk(deps, 'stderr')).green(mark);
  deps.stderr.write(`${mark} ${message}\n`);
}

/** A plain note for people on stderr. */
export function sayNote({ stderr }: Pick<CliDeps, 'stderr'>, message: string) {
  stderr.write(`gcis: ${message}\n`);
}

/** A warning for people on stderr, in yellow when stderr takes colour. */
export async function sayWarning(deps: SayDeps, message: string) {
  let text = `gcis: ${messagesFor(deps.env).warning}: ${message}`;
  if (useColour(deps, 'stderr')) text = (await loadChalk(deps, 'stderr')).yellow(text);
  deps.stderr.write(`${text}\n`);
}
