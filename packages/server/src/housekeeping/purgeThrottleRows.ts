import type { Db } from '../store/openDatabase.js';

/** How long after its last lock ended a throttle record is forgotten. */
const forgetAfterMs = 24 * 3_600_000;

/**
 * Throttle records that no longer hold anything back: a lock that ended over a day ago. The
 * current table keeps no time for records that never locked, so those stay; the windowed
 * throttle store (issue 8, points 1–2) replaces this with its own `purgeThrottle(now)`.
 */
export function purgeThrottleRows(db: Db, now: Date): number {
  const before = new Date(now.getTime() - forgetAfterMs).toISOString();
  return db.prepare('DELETE FROM throttle WHERE locked_until IS NOT NULL AND locked_until < ?').run(before).changes;
}
