import { GcisError } from '@gcis/core';

/** A limit of `max` requests per `windowSeconds`. */
export type RateLimit = { max: number; windowSeconds: number };

/** Per source address: every route except the session checks (login routes, captchas, TOTP, binding). */
export const defaultRateLimit: RateLimit = { max: 120, windowSeconds: 60 };

/**
 * Per session token: `GET`/`DELETE /v1/session` with a live token. A script checking its token
 * twice a second stays far below it; a runaway loop does not.
 */
export const defaultSessionRateLimit: RateLimit = { max: 600, windowSeconds: 60 };

/** Refuses unknown keys and anything but whole numbers in range: a typo must not switch a limit off. */
export function checkRateLimit(limit: RateLimit, key: string, source: string): void {
  const bad = (message: string) => new GcisError('ERR_DATA_DIR', `${source}: ${key}.${message}`);
  const ranges: Record<keyof RateLimit, [number, number]> = { max: [1, 1_000_000_000], windowSeconds: [1, 86_400] };
  for (const [name, value] of Object.entries(limit)) {
    const range = ranges[name as keyof RateLimit];
    if (!range) throw bad(`${name} is not a setting.`);
    if (!Number.isSafeInteger(value) || value < range[0] || value > range[1]) {
      throw bad(`${name} must be a whole number from ${range[0]} to ${range[1]}.`);
    }
  }
}
