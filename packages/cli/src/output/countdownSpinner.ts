import type { CliDeps } from '../deps.js';
import { canSpin } from './canSpin.js';
import { useColour } from './colour.js';

/**
 * Runs `work` under an ora spinner whose text shows the time left until `until`, refreshed every
 * second, on stderr when it is a sized terminal; otherwise says once what it waits for. ora loads lazily.
 */
export async function withCountdown<T>(
  deps: Pick<CliDeps, 'env' | 'isTTY' | 'stderr' | 'clock'>,
  { text, until }: { text: (left: string) => string; until: Date },
  work: () => Promise<T>,
): Promise<T> {
  const left = () => {
    const seconds = Math.max(0, Math.ceil((until.getTime() - deps.clock.now().getTime()) / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  };
  if (!canSpin(deps)) {
    deps.stderr.write(`gcis: ${text(left())}\n`);
    return work();
  }
  const { default: ora } = await import('ora');
  const spinner = ora({ text: text(left()), stream: deps.stderr, discardStdin: false, color: useColour(deps, 'stderr') && 'cyan' }).start();
  const timer = setInterval(() => (spinner.text = text(left())), 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    spinner.stop();
  }
}
