import type { PurgeTask } from './purgeTasks.js';

export type PurgeLog = {
  info: (fields: object, message: string) => void;
  warn: (fields: object, message: string) => void;
};

/**
 * Runs every task once and logs one line with the rows each removed (counts only, nothing from
 * the rows). A failing task (e.g. the database busy) is logged and skipped: the rest still run.
 */
export async function runPurge(tasks: readonly PurgeTask[], now: Date, log: PurgeLog): Promise<Record<string, number>> {
  const purged: Record<string, number> = {};
  for (const task of tasks) {
    try {
      purged[task.name] = await task.purge(now);
    } catch (error) {
      log.warn({ task: task.name, code: (error as { code?: unknown }).code }, 'housekeeping task failed');
    }
  }
  log.info({ purged }, 'housekeeping');
  return purged;
}
