import type { CliDeps } from '../deps.js';

/**
 * Whether gcis may ask questions (gh's `IO.CanPrompt`): a terminal on stdin and on stderr (where
 * prompts are drawn), not in CI, and not told `--non-interactive`. Otherwise it fails fast.
 */
export function canPrompt({ env, isTTY }: Pick<CliDeps, 'env' | 'isTTY'>, nonInteractive = false): boolean {
  return !nonInteractive && isTTY.stdin && isTTY.stderr && !isCi(env.CI);
}

/** CI=true is the common form; CI=1 and the like count too, CI=false and CI=0 do not. */
function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
