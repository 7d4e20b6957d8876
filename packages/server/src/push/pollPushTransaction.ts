import { GcisError, type GcisErrorCode } from '@gcis/core';
import type { Session } from '@gcis/core/api';
import { buildResultRequest, checksumIv, parseResultResponse, type ResultOutcome } from '@gcis/core/push';
import type { AppContext } from '../context.js';
import type { PushTransactionRow } from '../store/Store.js';
import { approvePush } from './approvePush.js';
import { pollBackoffMs } from './pollBackoff.js';

/**
 * One ATH-02 poll of a pending transaction, and what follows from the answer: still pending,
 * denied / expired (with the service's reason), or — only if the signed response checks out —
 * approved with a new session, which this call returns (and no other call ever will). Only a
 * definitive answer of the service ends the login: no answer, a 5xx, a body that is not JSON or
 * has no error_code is logged and asked again after a growing wait (until the time limit).
 */
export async function pollPushTransaction(context: AppContext, row: PushTransactionRow): Promise<Session | undefined> {
  const { push, store, clock, config, random } = context;
  const intervalMs = config.push.pollIntervalSeconds * 1000;
  push.nextPollAt.set(row.id, push.monotonicMs() + intervalMs);
  if (!row.sp_ticket_id) return undefined; // the push itself is still on its way
  const service = push.service();
  let outcome: ResultOutcome;
  try {
    const iv = checksumIv(config.push.checksumIv, random);
    const body = buildResultRequest({ key: service.key, serviceId: service.serviceId, transactionId: row.id, spTicketId: row.sp_ticket_id, iv });
    const answer = await push.transport(`${service.baseUrl}/moise/sp/getAthOrSignResult`, body);
    outcome = parseResultResponse(answer, { key: service.key, transactionId: row.id });
  } catch (error) {
    if (!(error instanceof GcisError && error.code === 'ERR_PUSH_SERVICE')) throw error;
    outcome = { status: 'unavailable', reason: error.message };
  }
  if (outcome.status === 'unavailable') {
    const failures = (push.failures.get(row.id) ?? 0) + 1;
    const waitMs = pollBackoffMs(intervalMs, failures);
    push.failures.set(row.id, failures);
    push.nextPollAt.set(row.id, push.monotonicMs() + waitMs);
    push.log.warn(`push ${row.id}: no answer from the service (${outcome.reason}); retry ${failures} in ${Math.round(waitMs)} ms`);
    return undefined;
  }
  push.failures.delete(row.id);
  if (outcome.status === 'pending') return undefined;
  const end = async (code: GcisErrorCode, message: string) => {
    const status = code === 'ERR_PUSH_EXPIRED' ? 'expired' : 'denied';
    await store.pushTransactions.finish(row.id, status, clock.now().toISOString(), { code, message });
    return undefined;
  };
  if (outcome.status === 'failed') return end(outcome.error.code, outcome.error.message);
  return approvePush(context, row, outcome.result, end);
}
