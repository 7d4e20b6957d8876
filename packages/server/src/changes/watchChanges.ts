import type { ServerChanges } from '../store/serverChanges.js';

export type ChangeLogger = { warn(message: string): void };

export type ChangeWatcher = {
  /** Reads the counter once and runs `onChange` if it moved; what the timer calls, exposed for tests. */
  poll(): Promise<void>;
  /** Stops polling and waits for an `onChange` in progress. */
  stop(): Promise<void>;
};

/**
 * Runs `onChange` soon after an administrator command bumps the change counter, from any process.
 * Polling a one-row table costs microseconds; unlike a file-system watch it works on every file
 * system, sees only finished changes, and cannot miss one. The first poll always runs `onChange`,
 * so a change between the server's first load and the first poll is not lost. A change that
 * arrives while `onChange` runs is handled by the next poll; a failure is logged, not retried
 * (the periodic scan of the folders still runs).
 */
export function watchChanges(
  changes: Pick<ServerChanges, 'version'>,
  { onChange, intervalMs = 250, log }: { onChange: () => Promise<void>; intervalMs?: number; log: ChangeLogger },
): ChangeWatcher {
  let handled: number | undefined;
  let running: Promise<void> | undefined;
  const poll = (): Promise<void> => {
    if (running) return running;
    let seen: number;
    try {
      seen = changes.version();
    } catch (error) {
      log.warn(`Reading the change counter failed: ${(error as Error).message}`);
      return Promise.resolve();
    }
    if (seen === handled) return Promise.resolve();
    running = onChange()
      .catch((error: unknown) => log.warn(`Applying an administrator change failed: ${(error as Error).message}`))
      .finally(() => {
        handled = seen;
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  return {
    poll,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
