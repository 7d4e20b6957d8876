import { createHash } from 'node:crypto';
import { GcisError, type GcisErrorCode } from '@gcis/core';
import type { Session } from '@gcis/core/api';
import { buildResultRequest, parseResultResponse, pushSignData, pushSignInfo, verifySignedResponse, type SignOutcome } from '@gcis/core/push';
import type { AppContext } from '../../context.js';
import type { PushTransactionRow } from '../../store/pushTransactions.js';
import { issueSession } from '../issueSession.js';

/**
 * One ATH-02 poll of a pending transaction, and what follows from the answer: still pending,
 * denied / expired (with the service's reason), or — only if the signed response checks out —
 * approved with a new session, which this call returns (and no other call ever will).
 */
export async function pollPushTransaction(context: AppContext, row: PushTransactionRow): Promise<Session | undefined> {
  const { push, store, clock } = context;
  push.lastPolledAt.set(row.id, push.monotonicMs());
  if (!row.sp_ticket_id) return undefined; // the push itself is still on its way
  const service = push.service();
  let answer: unknown;
  try {
    const body = buildResultRequest({ key: service.key, serviceId: service.serviceId, transactionId: row.id, spTicketId: row.sp_ticket_id });
    answer = await push.transport(`${service.baseUrl}/moise/sp/getAthOrSignResult`, body);
  } catch (error) {
    if (error instanceof GcisError && error.code === 'ERR_PUSH_SERVICE') return undefined; // unreachable now: poll again later
    throw error;
  }
  const outcome = parseResultResponse(answer, { key: service.key, transactionId: row.id });
  if (outcome.status === 'pending') return undefined;
  const end = (code: GcisErrorCode, message: string) => {
    const status = code === 'ERR_PUSH_EXPIRED' ? 'expired' : 'denied';
    store.pushTransactions.finish(row.id, status, clock.now().toISOString(), { code, message });
    return undefined;
  };
  if (outcome.status === 'failed') return end(outcome.error.code, outcome.error.message);
  return approve(context, row, outcome.result, end);
}

function approve(
  context: AppContext,
  row: PushTransactionRow,
  result: SignOutcome,
  end: (code: GcisErrorCode, message: string) => undefined,
): Session | undefined {
  const { store, box, clock } = context;
  const responseHash = createHash('sha256').update(result.signedResponse).digest('hex');
  if (store.pushTransactions.signedResponseUsed(responseHash)) {
    return end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
  }
  const nationalId = box.open(row.national_id_sealed, `push:${row.id}`).toString('utf8');
  const signInfo = pushSignInfo(pushSignData({ transactionId: row.id, matchCode: row.match_code, origin: row.origin }));
  const now = clock.now();
  const verified = verifySignedResponse({
    signedResponse: result.signedResponse,
    certificate: result.certificate,
    signInfo,
    nationalId,
    hashedIdNum: result.hashedIdNum,
    at: now,
    trustAnchors: context.push.trustAnchors(),
    // Mobile certificates are checked for revocation by the service itself (a revoked device is
    // unbound, DEVID_DEVPROF_NF); this server has no CRL of them.
    revocation: 'skip',
  });
  if (!verified.ok) return end(verified.code, verified.message);
  const account = row.account_id === null ? undefined : store.accounts.get(row.account_id);
  if (!account || store.accounts.findByNationalIdHmac(box.mac(nationalId))?.id !== account.id) {
    return end('ERR_PUSH_IDENTITY', 'The certificate belongs to no account on this server.');
  }
  // One SQLite transaction: the response is spent and the login approved together, or neither.
  const approveOnce = store.db.transaction((): Session | undefined => {
    if (!store.pushTransactions.useSignedResponse(responseHash, row.id, now.toISOString())) {
      end('ERR_PUSH_REPLAY', 'This signed response was already used for a login.');
      return undefined;
    }
    // Cancelled or ended meanwhile: roll the spent response back too.
    if (!store.pushTransactions.finish(row.id, 'approved', now.toISOString())) throw new Superseded();
    return issueSession(context, account, 'push');
  });
  try {
    return approveOnce();
  } catch (error) {
    if (error instanceof Superseded) return undefined;
    throw error;
  }
}

class Superseded extends Error {}
