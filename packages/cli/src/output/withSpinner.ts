import type { CliDeps } from '../deps.js';
import { canSpin } from './canSpin.js';
import { useColour } from './colour.js';

/** Runs `work` under an ora spinner on stderr, only when stderr is a sized terminal; ora loads lazily. */
export async function withSpinner<T>(
  deps: Pick<CliDeps, 'env' | 'isTTY' | 'stderr'>,
  text: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!canSpin(deps)) return work();
  const { default: ora } = await import('ora');
  // discardStdin would put stdin in raw mode and fight the prompts that may follow.
  const spinner = ora({ text, stream: deps.stderr, discardStdin: false, color: useColour(deps, 'stderr') && 'cyan' }).start();
  try {
    return await work();
  } finally {
    spinner.stop();
  }
}
