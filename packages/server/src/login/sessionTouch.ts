import type { SessionTimes } from '@gcis/core/session';

export type SessionLimits = { absoluteSeconds: number; idleSeconds: number };

/**
 * The least move of a session's deadline worth a write: max(15 s, 1 % of the idle limit), and never
 * more than a tenth of that limit, so a session in steady use always gets written before it idles out.
 */
export function touchStepMs(idleSeconds: number): number {
  const idleMs = idleSeconds * 1000;
  return Math.min(Math.max(15_000, idleMs / 100), idleMs / 10);
}

/**
 * Whether a use of a live session at `now` writes last_seen_at, and the deadline the session then
 * has (the earlier of its absolute and idle limits). It writes only when the deadline would move
 * on by more than {@link touchStepMs}, which takes a write off almost every session check. The
 * trade-off: a session used without a write ends up to one step before its idle limit counted from
 * its very last use — never later — and the deadline returned is that stored one, so clients are
 * never told a later time than the server keeps. A clock that went back never moves it back.
 */
export function sessionTouch(
  { issuedAt, lastSeenAt }: SessionTimes,
  now: Date,
  { absoluteSeconds, idleSeconds }: SessionLimits,
): { write: boolean; expiresAt: Date } {
  const absoluteEnd = issuedAt.getTime() + absoluteSeconds * 1000;
  const stored = Math.min(absoluteEnd, lastSeenAt.getTime() + idleSeconds * 1000);
  const moved = Math.min(absoluteEnd, now.getTime() + idleSeconds * 1000);
  const write = moved - stored > touchStepMs(idleSeconds);
  return { write, expiresAt: new Date(write ? moved : stored) };
}
