import type { CliDeps } from '../deps.js';

/** Runs `work` under an ora spinner on stderr, only when stderr is a terminal; ora loads lazily. */
export async function withSpinner<T>(
  { isTTY, stderr }: Pick<CliDeps, 'isTTY' | 'stderr'>,
  text: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!isTTY.stderr) return work();
  const { default: ora } = await import('ora');
  // discardStdin would put stdin in raw mode and fight the prompts that may follow.
  const spinner = ora({ text, stream: stderr, discardStdin: false }).start();
  try {
    return await work();
  } finally {
    spinner.stop();
  }
}
