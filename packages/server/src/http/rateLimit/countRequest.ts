import { GcisError } from '@gcis/core';
import { sourceKey } from '../../login/throttle/sourceKey.js';
import type { RateCounter } from './RateCounter.js';
import type { RateLimit } from './rateLimitConfig.js';

/** The key a source address is counted under: per IPv4 address or IPv6 /64, as the throttle counts sources. */
export const addressKey = (address: string) => `address:${sourceKey(address)}`;

/** The key a session token is counted under: its hash, never the token. */
export const tokenKey = (tokenHash: string) => `token:${tokenHash}`;

/** The 429 every rate limit answers with, saying how long to wait. */
export function rateLimited(resetInMs: number): GcisError {
  const retryAfterSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new GcisError('ERR_RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** Counts one request under `key`; throws ERR_RATE_LIMITED once the key has had more than `max` in its window. */
export async function countRequest(counter: RateCounter, key: string, { max, windowSeconds }: RateLimit, now: Date): Promise<void> {
  const { count, resetInMs } = await counter.hit(key, windowSeconds * 1000, now.getTime());
  if (count > max) throw rateLimited(resetInMs);
}
