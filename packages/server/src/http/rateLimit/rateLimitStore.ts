import type { Clock } from '@gcis/core';
import type { RateCounter } from './RateCounter.js';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit (its `store` option, a class it instantiates) that counts in a
 * RateCounter, so the per-address limit lives wherever the counter does — this process, or the
 * database every instance shares — and in the same keys the session routes count addresses in.
 */
export function rateLimitStore(counter: RateCounter, clock: Clock, prefix = '') {
  let children = 0;
  return class CounterStore {
    incr(key: string, done: Done, timeWindowMs: number): void {
      counter.hit(prefix + key, timeWindowMs, clock.now().getTime()).then(
        ({ count, resetInMs }) => done(null, { current: count, ttl: resetInMs }),
        (error: Error) => done(error),
      );
    }

    /** A route with a limit of its own counts apart from the global one. */
    child(): CounterStore {
      const Child = rateLimitStore(counter, clock, `${prefix}route${++children}:`);
      return new Child();
    }
  };
}
