import { GcisError } from '@gcis/core';
import type { PushStatus } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import type { PushTransactionRow } from '../store/Store.js';
import { announcePush } from './announcePush.js';
import { claimPushSession } from './claimPushSession.js';
import { forgetPoll } from './pollLease.js';
import { pollPushTransaction } from './pollPushTransaction.js';
import { pushStatusOf } from './pushStatusOf.js';

/**
 * `GET /v1/login/push/{id}?wait=S`: answers as soon as the transaction ends, or after `waitSeconds`
 * with `pending` — on any instance, whichever started it. While waiting it sleeps until the next
 * poll this instance may make, and is woken by the `push` store event of whichever instance
 * ended the transaction (or by the safety re-read every push.rereadMs), not by re-reading the
 * database in a loop. The service is polled by one instance at a time and no faster than
 * `push.pollIntervalSeconds` in all (pollLease.ts); concurrent long polls in this process share
 * one poll. The first long poll to see the approval, on any instance, gets the session.
 */
export async function waitForPush(context: AppContext, id: string, waitSeconds: number): Promise<PushStatus> {
  const { push, store, clock } = context;
  const deadline = push.monotonicMs() + waitSeconds * 1000;
  const watch = push.watch(id); // before the first read: a wake from then on is not lost
  try {
    for (;;) {
      const row = await store.pushTransactions.get(id);
      if (!row || row.status === 'failed') throw new GcisError('ERR_NOT_FOUND', 'No such push login.');
      if (row.status !== 'pending') return await ended(context, row);
      const now = clock.now();
      const untilExpiry = new Date(row.expires_at).getTime() - now.getTime();
      if (untilExpiry <= 0) {
        const reason = { code: 'ERR_PUSH_EXPIRED', message: 'The phone did not answer in time.' };
        if (await store.pushTransactions.finish(id, 'expired', now.toISOString(), reason)) await announcePush(context, id);
        continue;
      }
      if (push.monotonicMs() >= (push.nextPollAt.get(id) ?? -Infinity)) {
        await sharedPoll(context, row);
        continue;
      }
      const remaining = deadline - push.monotonicMs();
      if (remaining <= 0) return pushStatusOf(row);
      const untilPoll = push.nextPollAt.get(id)! - push.monotonicMs();
      await watch.sleep(Math.max(1, Math.min(remaining, untilPoll, untilExpiry, push.rereadMs)));
    }
  } finally {
    watch.close();
  }
}

/** An ended transaction's status; an approved one with its session for the first caller to claim it. */
async function ended(context: AppContext, row: PushTransactionRow): Promise<PushStatus> {
  forgetPoll(context.push, row.id);
  return pushStatusOf(row, row.status === 'approved' ? await claimPushSession(context, row.id) : undefined);
}

/** Runs one poll per transaction at a time in this process; a caller that finds one in flight waits for it. */
async function sharedPoll(context: AppContext, row: PushTransactionRow): Promise<void> {
  const { push } = context;
  const inFlight = push.polling.get(row.id);
  if (inFlight) return void (await inFlight.catch(() => undefined));
  const poll = pollPushTransaction(context, row).finally(() => push.polling.delete(row.id));
  push.polling.set(row.id, poll);
  await poll;
}
