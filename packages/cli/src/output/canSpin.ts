import type { CliDeps } from '../deps.js';

/**
 * A spinner needs a terminal on stderr that reports its width: ora divides by `columns` to count
 * the lines it must clear, and a terminal of 0 columns (a pty nobody sized) makes it loop forever.
 */
export function canSpin({ isTTY, stderr }: Pick<CliDeps, 'isTTY' | 'stderr'>): boolean {
  const { columns } = stderr as { columns?: number };
  return isTTY.stderr && typeof columns === 'number' && columns > 0;
}
