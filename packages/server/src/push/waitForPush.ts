import { GcisError } from '@gcis/core';
import type { PushStatus, Session } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import { claimPushSession } from './claimPushSession.js';
import { pollPushTransaction } from './pollPushTransaction.js';
import { pushStatusOf } from './pushStatusOf.js';

/**
 * `GET /v1/login/push/{id}?wait=S`: answers as soon as the transaction ends, or after `waitSeconds`
 * with `pending`. The service is polled no faster than `push.pollIntervalSeconds` per transaction
 * (slower after failures, see pollPushTransaction), whoever is waiting: concurrent long polls share
 * one poll. The approving poll's caller gets the session; if it never took it, the next to ask does (claimPushSession).
 */
export async function waitForPush(context: AppContext, id: string, waitSeconds: number): Promise<PushStatus> {
  const { push, store, clock } = context;
  const deadline = push.monotonicMs() + waitSeconds * 1000;
  for (;;) {
    const row = await store.pushTransactions.get(id);
    if (!row || row.status === 'failed') throw new GcisError('ERR_NOT_FOUND', 'No such push login.');
    if (row.status !== 'pending') {
      forget(context, id);
      // Approved by a poll whose caller never took the session (gone, or on another instance): the first to ask gets it.
      return pushStatusOf(row, row.status === 'approved' ? await claimPushSession(context, id) : undefined);
    }
    const now = clock.now();
    if (now.getTime() >= new Date(row.expires_at).getTime()) {
      await store.pushTransactions.finish(id, 'expired', now.toISOString(), { code: 'ERR_PUSH_EXPIRED', message: 'The phone did not answer in time.' });
      push.wake(id);
      continue;
    }
    if (push.monotonicMs() >= (push.nextPollAt.get(id) ?? -Infinity)) {
      const session = await sharedPoll(context, id);
      if (session) return pushStatusOf((await store.pushTransactions.get(id))!, session);
      if ((await store.pushTransactions.get(id))?.status !== 'pending') continue;
    }
    const remaining = deadline - push.monotonicMs();
    if (remaining <= 0) return pushStatusOf((await store.pushTransactions.get(id))!);
    const untilPoll = (push.nextPollAt.get(id) ?? -Infinity) - push.monotonicMs();
    const untilExpiry = new Date(row.expires_at).getTime() - clock.now().getTime();
    await push.sleep(id, Math.max(1, Math.min(remaining, untilPoll, untilExpiry)));
  }
}

/** Runs one poll per transaction at a time; a caller that finds one in flight waits for it and gets no session. */
async function sharedPoll(context: AppContext, id: string): Promise<Session | undefined> {
  const { push, store } = context;
  const inFlight = push.polling.get(id);
  if (inFlight) {
    await inFlight.catch(() => undefined);
    return undefined;
  }
  // Registered before the first await, so a concurrent caller finds it in flight.
  const poll = (async () => {
    const row = await store.pushTransactions.get(id);
    return row?.status === 'pending' ? pollPushTransaction(context, row) : undefined;
  })().finally(async () => {
    push.polling.delete(id);
    if ((await store.pushTransactions.get(id))?.status !== 'pending') {
      forget(context, id);
      push.wake(id);
    }
  });
  push.polling.set(id, poll);
  return poll;
}

/** Drops the poll schedule of an ended transaction. */
function forget({ push }: AppContext, id: string): void {
  push.nextPollAt.delete(id);
  push.failures.delete(id);
}
