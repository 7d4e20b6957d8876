import { GcisError } from '@gcis/core';

/** The periodic purge of rows that can no longer be used (see purgeTasks.ts). */
export type HousekeepingConfig = {
  /** Time between two purges; the first runs as the server starts. */
  intervalSeconds: number;
  /** How long ended push transactions are kept: at least an hour, the window of the per-ID push limit. */
  pushRetentionSeconds: number;
};

export const defaultHousekeepingConfig: HousekeepingConfig = {
  intervalSeconds: 600,
  pushRetentionSeconds: 86_400,
};

/** Refuses unknown keys and out-of-range values in the `housekeeping` section. */
export function checkHousekeepingConfig(config: HousekeepingConfig, source: string): void {
  const ranges: Record<keyof HousekeepingConfig, [number, number]> = {
    intervalSeconds: [1, 86_400],
    pushRetentionSeconds: [3600, 366 * 86_400],
  };
  for (const [key, value] of Object.entries(config)) {
    const range = ranges[key as keyof HousekeepingConfig];
    if (!range) throw new GcisError('ERR_DATA_DIR', `${source}: housekeeping.${key} is not a setting.`);
    if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw new GcisError('ERR_DATA_DIR', `${source}: housekeeping.${key} must be a whole number from ${range[0]} to ${range[1]}.`);
    }
  }
}
