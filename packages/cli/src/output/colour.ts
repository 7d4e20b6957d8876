import type { ChalkInstance } from 'chalk';
import type { CliDeps } from '../deps.js';

type ColourDeps = Pick<CliDeps, 'env' | 'isTTY'>;

/**
 * Whether gcis colours what it writes on `stream`: NO_COLOR (any non-empty value, https://no-color.org)
 * wins, then FORCE_COLOR (anything but `0` / `false`, even into a pipe), else only on a terminal.
 * The one place this is decided: chalk 5 reads FORCE_COLOR but not NO_COLOR.
 */
export function useColour({ env, isTTY }: ColourDeps, stream: 'stdout' | 'stderr'): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY[stream];
}

/** A chalk for `stream` at the level useColour decides (at least 16 colours when forced). */
export async function loadChalk(deps: ColourDeps, stream: 'stdout' | 'stderr'): Promise<ChalkInstance> {
  const { Chalk, chalkStderr, default: chalk } = await import('chalk');
  const detected = (stream === 'stderr' ? chalkStderr : chalk).level;
  return new Chalk({ level: useColour(deps, stream) ? Math.max(1, detected) as 1 | 2 | 3 : 0 });
}
