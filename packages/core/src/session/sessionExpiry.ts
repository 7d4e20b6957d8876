/** Defaults (README "Security notes"): 12 h absolute, 30 min idle. */
export const sessionDefaults = { absoluteSeconds: 12 * 3600, idleSeconds: 30 * 60 } as const;

export type SessionTimes = { issuedAt: Date; lastSeenAt: Date };

export type SessionState =
  | { active: true; expiresAt: Date }
  | { active: false; reason: 'absolute' | 'idle' };

/**
 * Whether a session is still usable at `now`, and until when if it is used now: the earlier of
 * the absolute limit and `now` + idle limit (OWASP Session Management: both timeouts).
 */
export function sessionState(
  { issuedAt, lastSeenAt }: SessionTimes,
  now: Date,
  { absoluteSeconds = sessionDefaults.absoluteSeconds, idleSeconds = sessionDefaults.idleSeconds } = {},
): SessionState {
  const absoluteEnd = issuedAt.getTime() + absoluteSeconds * 1000;
  if (now.getTime() >= absoluteEnd) return { active: false, reason: 'absolute' };
  if (now.getTime() >= lastSeenAt.getTime() + idleSeconds * 1000) return { active: false, reason: 'idle' };
  return { active: true, expiresAt: new Date(Math.min(absoluteEnd, now.getTime() + idleSeconds * 1000)) };
}
