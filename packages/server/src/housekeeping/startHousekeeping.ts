import type { Clock } from '@gcis/core';
import type { PurgeTask } from './purgeTasks.js';
import { runPurge, type PurgeLog } from './runPurge.js';

/**
 * Purges once now and then every `intervalSeconds` until `stop()`. The timer is unref'd: it never
 * keeps the process alive on its own.
 */
export function startHousekeeping({
  tasks,
  clock,
  intervalSeconds,
  log,
}: {
  tasks: readonly PurgeTask[];
  clock: Clock;
  intervalSeconds: number;
  log: PurgeLog;
}): { stop: () => void } {
  let running: Promise<unknown> | undefined;
  // A purge that outlasts the interval is not started again on top of itself.
  const run = () => void (running ??= runPurge(tasks, clock.now(), log).finally(() => (running = undefined)));
  run();
  const timer = setInterval(run, intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
