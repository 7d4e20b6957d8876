import type { AppContext } from '../context.js';

/**
 * The poll lease of a transaction (PushTransactionsRepo.leasePoll): one instance at a time asks
 * the service about it, and the lease also carries the pacing, so that all instances together
 * poll no faster than push.pollIntervalSeconds:
 *
 * - before a poll, `takePollLease` holds it for `push.pollLeaseMs` (longer than a poll can take):
 *   no other instance polls meanwhile, and if this one dies mid-poll the lease runs out;
 * - after the poll, `paceNextPoll` shortens it to the next allowed poll (the interval, or the
 *   backoff after failures): it then runs out by itself exactly when the next poll is due, and
 *   any instance with a waiting client takes it — this one if its client is still here.
 *
 * Lease times are the clock's (shared across machines: keep their clocks in sync, as NTP does);
 * the holder's own next poll is also kept in `push.nextPollAt` (monotonic), because the holder
 * may always renew its own lease.
 */
export async function takePollLease({ store, clock, push }: AppContext, id: string): Promise<boolean> {
  const now = clock.now();
  return store.pushTransactions.leasePoll(id, push.holder, now.toISOString(), new Date(now.getTime() + push.pollLeaseMs).toISOString());
}

/** After a poll: the next poll of this transaction, by any instance, no sooner than `waitMs` from now. */
export async function paceNextPoll(context: AppContext, id: string, waitMs: number): Promise<void> {
  const { store, clock, push } = context;
  retryPollAfter(context, id, waitMs);
  const now = clock.now();
  // False when the lease was lost meanwhile (this poll outlasted it): the new holder paces it then.
  await store.pushTransactions.leasePoll(id, push.holder, now.toISOString(), new Date(now.getTime() + waitMs).toISOString());
}

/** When this instance tries to poll `id` again (as holder, or to ask for the lease); forgets entries of transactions long gone. */
export function retryPollAfter({ push }: AppContext, id: string, waitMs: number): void {
  const now = push.monotonicMs();
  for (const [other, at] of push.nextPollAt) if (at < now - forgetAfterMs) forgetPoll(push, other);
  push.nextPollAt.set(id, now + waitMs);
}

/** Drops this instance's poll schedule of a transaction (ended, or long gone). */
export function forgetPoll(push: AppContext['push'], id: string): void {
  push.nextPollAt.delete(id);
  push.failures.delete(id);
}

/** Longer than any transaction lives (push.lifetimeSeconds is at most 600). */
const forgetAfterMs = 15 * 60_000;
