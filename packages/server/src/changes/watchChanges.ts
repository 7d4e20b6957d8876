import type { ServerChangesRepo } from '../store/Store.js';

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
 * arrives while `onChange` runs is handled by the next poll, or at once after it when a poll was
 * asked for meanwhile (followAdminChanges polls on every event); a failure is logged, not retried
 * (the periodic scan of the folders still runs).
 */
export function watchChanges(
  changes: Pick<ServerChangesRepo, 'version'>,
  { onChange, intervalMs = 250, log }: { onChange: () => Promise<void>; intervalMs?: number; log: ChangeLogger },
): ChangeWatcher {
  let handled: number | undefined;
  let running: Promise<void> | undefined;
  const check = async (): Promise<void> => {
    let seen: number;
    try {
      seen = await changes.version();
    } catch (error) {
      log.warn(`Reading the change counter failed: ${(error as Error).message}`);
      return;
    }
    if (seen === handled) return;
    try {
      await onChange();
    } catch (error) {
      log.warn(`Applying an administrator change failed: ${(error as Error).message}`);
    } finally {
      handled = seen;
    }
  };
  // A poll while one runs (reading or applying) waits for it — one apply at a time — and has it
  // read the counter once more at its end: a `server-changes` event that arrives during an apply
  // is answered then, not at the next timer poll.
  let again = false;
  const poll = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await check();
      } while (again);
    })().finally(() => (running = undefined));
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
