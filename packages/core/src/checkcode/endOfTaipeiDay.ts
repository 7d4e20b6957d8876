/** Taiwan has kept UTC+8 without daylight saving time since 1980. */
const taipeiOffsetMs = 8 * 3600 * 1000;

/** The last millisecond of the Asia/Taipei calendar day that contains `now` (23:59:59.999 local). */
export function endOfTaipeiDay(now: Date): Date {
  const local = new Date(now.getTime() + taipeiOffsetMs);
  const endLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 23, 59, 59, 999);
  return new Date(endLocal - taipeiOffsetMs);
}

/** `2026-11-27 23:59:59` in Taipei time, as the mail and the CLI show it. */
export function formatTaipeiTime(at: Date): string {
  return new Date(at.getTime() + taipeiOffsetMs).toISOString().slice(0, 19).replace('T', ' ');
}
