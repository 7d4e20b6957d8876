import { GcisError, type GcisErrorCode } from '@gcis/core';
import { buildResultRequest, checksumIv, parseResultResponse, type ResultOutcome } from '@gcis/core/push';
import type { AppContext } from '../context.js';
import type { PushTransactionRow } from '../store/Store.js';
import { announcePush } from './announcePush.js';
import { approvePush } from './approvePush.js';
import { pollBackoffMs } from './pollBackoff.js';
import { forgetPoll, paceNextPoll, retryPollAfter, takePollLease } from './pollLease.js';

/**
 * One ATH-02 poll of a pending transaction, if this instance gets its poll lease (pollLease.ts),
 * and what follows from the answer: still pending, denied / expired (with the service's reason),
 * or — only if the signed response checks out — approved with a new session that the first
 * claim on any instance gets (waitForPush). Every ending is announced to every instance's long
 * polls (store events). Only a definitive answer of the service ends the login: no answer, a
 * 5xx, a body that is not JSON or has no error_code is logged and asked again after a growing
 * wait (until the time limit). The failure count stays with this instance: an instance that
 * takes over starts its backoff afresh, no sooner than the lease let it.
 */
export async function pollPushTransaction(context: AppContext, row: PushTransactionRow): Promise<void> {
  const { push, store, clock, config, random } = context;
  const intervalMs = config.push.pollIntervalSeconds * 1000;
  if (!row.sp_ticket_id) return retryPollAfter(context, row.id, intervalMs); // the push itself is still on its way
  if (!(await takePollLease(context, row.id))) {
    // Another instance polls it, or polled it less than an interval ago: ask again after one.
    // What it learns reaches the waiters here as a store event.
    return retryPollAfter(context, row.id, intervalMs);
  }
  let outcome: ResultOutcome;
  try {
    const service = push.service();
    const iv = checksumIv(config.push.checksumIv, random);
    const body = buildResultRequest({ key: service.key, serviceId: service.serviceId, transactionId: row.id, spTicketId: row.sp_ticket_id, iv });
    const answer = await push.transport(`${service.baseUrl}/moise/sp/getAthOrSignResult`, body);
    outcome = parseResultResponse(answer, { key: service.key, transactionId: row.id });
  } catch (error) {
    if (!(error instanceof GcisError && error.code === 'ERR_PUSH_SERVICE')) {
      await paceNextPoll(context, row.id, intervalMs);
      throw error;
    }
    outcome = { status: 'unavailable', reason: error.message };
  }
  if (outcome.status === 'unavailable') {
    const failures = (push.failures.get(row.id) ?? 0) + 1;
    const waitMs = pollBackoffMs(intervalMs, failures);
    await paceNextPoll(context, row.id, waitMs);
    push.failures.set(row.id, failures);
    push.log.warn(`push ${row.id}: no answer from the service (${outcome.reason}); retry ${failures} in ${Math.round(waitMs)} ms`);
    return;
  }
  push.failures.delete(row.id);
  if (outcome.status === 'pending') return paceNextPoll(context, row.id, intervalMs);
  const end = async (code: GcisErrorCode, message: string) => {
    const status = code === 'ERR_PUSH_EXPIRED' ? 'expired' : 'denied';
    if (await store.pushTransactions.finish(row.id, status, clock.now().toISOString(), { code, message })) await ended(context, row.id);
  };
  if (outcome.status === 'failed') return end(outcome.error.code, outcome.error.message);
  if (await approvePush(context, row, outcome.result, end)) await ended(context, row.id);
}

/**
 * The transaction ended by this poll: every instance's waiters are told. The lease is kept to its
 * end, not released: a waiter elsewhere that read the row just before the end must not poll again.
 * (No lease is ever released early: its end is the next allowed poll, see pollLease.ts.)
 */
async function ended(context: AppContext, id: string): Promise<void> {
  forgetPoll(context.push, id);
  await announcePush(context, id);
}
