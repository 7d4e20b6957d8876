/** The longest wait between two polls while the service keeps failing (the transaction's time limit still ends it). */
export const maxBackoffMs = 30_000;

/**
 * How long to wait before polling again after `failures` transient failures in a row: the poll
 * interval doubled per failure, capped at 30 s (or the interval itself, if that is longer).
 */
export function pollBackoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, maxBackoffMs));
}
