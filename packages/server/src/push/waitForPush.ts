import { GcisError } from '@gcis/core';
import type { PushStatus, Session } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import { pollPushTransaction } from './pollPushTransaction.js';
import { pushStatusOf } from './pushStatusOf.js';

/**
 * `GET /v1/login/push/{id}?wait=S`: answers as soon as the transaction ends, or after `waitSeconds`
 * with `pending`. The service is polled no faster than `push.pollIntervalSeconds` per transaction
 * (slower after failures, see pollPushTransaction), whoever is waiting: concurrent long polls share
 * one poll. The approving poll's caller alone gets the session.
 */
export async function waitForPush(context: AppContext, id: string, waitSeconds: number): Promise<PushStatus> {
  const { push, store, clock } = context;
  const deadline = push.monotonicMs() + waitSeconds * 1000;
  for (;;) {
    const row = store.pushTransactions.get(id);
    if (!row || row.status === 'failed') throw new GcisError('ERR_NOT_FOUND', 'No such push login.');
    if (row.status !== 'pending') {
      forget(context, id);
      return pushStatusOf(row);
    }
    const now = clock.now();
    if (now.getTime() >= new Date(row.expires_at).getTime()) {
      store.pushTransactions.finish(id, 'expired', now.toISOString(), { code: 'ERR_PUSH_EXPIRED', message: 'The phone did not answer in time.' });
      push.wake(id);
      continue;
    }
    if (push.monotonicMs() >= (push.nextPollAt.get(id) ?? -Infinity)) {
      const session = await sharedPoll(context, id);
      if (session) return pushStatusOf(store.pushTransactions.get(id)!, session);
      if (store.pushTransactions.get(id)?.status !== 'pending') continue;
    }
    const remaining = deadline - push.monotonicMs();
    if (remaining <= 0) return pushStatusOf(store.pushTransactions.get(id)!);
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
  const row = store.pushTransactions.get(id)!;
  const poll = pollPushTransaction(context, row).finally(() => {
    push.polling.delete(id);
    if (store.pushTransactions.get(id)?.status !== 'pending') {
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
