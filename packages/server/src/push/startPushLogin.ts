import { GcisError } from '@gcis/core';
import type { PushTransaction } from '@gcis/core/api';
import { validateNationalId } from '@gcis/core/id';
import {
  buildPushRequest,
  checksumIv,
  createMatchCode,
  createTransactionId,
  parseTicketResponse,
  pushHint,
  pushSignData,
  pushSignInfo,
} from '@gcis/core/push';
import type { AppContext } from '../context.js';

/** Push-fatigue limits per national ID (issue 5): pending at once, and started per hour. */
export const pushLimits = { pending: 3, perHour: 10 } as const;

const noDevice = () => new GcisError('ERR_PUSH_NO_DEVICE', 'No mobile certificate app is bound to this ID for this server.');

/**
 * `POST /v1/login/push`: checks the ID (nothing is sent for a malformed one), the per-ID limits,
 * then asks the service to push a SIGN request whose sign data is `{transactionId, matchCode,
 * origin}` and whose hint carries the match code.
 *
 * No enumeration: an ID without an account gets exactly the answer of an ID whose holder has no
 * bound phone (ERR_PUSH_NO_DEVICE), and is counted against the same limits; nothing is pushed
 * to the phone of someone who has no account here. What a caller can learn is what any push
 * login shows: that a push went out.
 */
export async function startPushLogin(context: AppContext, nationalIdInput: string, origin: string): Promise<PushTransaction> {
  const checked = validateNationalId(nationalIdInput);
  if (!checked.valid) throw new GcisError('ERR_INVALID_NATIONAL_ID', `Not a valid national ID or resident number (${checked.reason}).`);
  const nationalId = checked.id;
  const service = context.push.service();
  const { store, box, clock, random, config } = context;
  const now = clock.now();
  const nationalIdHmac = box.mac(nationalId);
  await checkLimits(context, nationalIdHmac, now);

  const id = createTransactionId(random);
  const matchCode = createMatchCode(random);
  const expiresAt = new Date(now.getTime() + config.push.lifetimeSeconds * 1000);
  const account = await store.accounts.findByNationalIdHmac(nationalIdHmac);
  await store.pushTransactions.insert({
    id,
    nationalIdHmac,
    nationalIdSealed: box.seal(Buffer.from(nationalId), `push:${id}`),
    accountId: account?.id ?? null,
    matchCode,
    origin,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  const failed = async (error: GcisError) => {
    await store.pushTransactions.finish(id, 'failed', clock.now().toISOString(), { code: error.code, message: error.message });
    return error;
  };
  if (!account) throw await failed(noDevice());

  const body = buildPushRequest({
    key: service.key,
    serviceId: service.serviceId,
    transactionId: id,
    idNum: nationalId,
    opCode: 'SIGN',
    hint: pushHint(matchCode),
    timeLimitSeconds: config.push.lifetimeSeconds,
    signInfo: pushSignInfo(pushSignData({ transactionId: id, matchCode, origin })),
    iv: checksumIv(config.push.checksumIv, random),
  });
  let answer: unknown;
  try {
    answer = await context.push.transport(`${service.baseUrl}/moise/sp/requestAthOrSignPush`, body);
  } catch (error) {
    throw await failed(error instanceof GcisError ? error : new GcisError('ERR_PUSH_SERVICE', 'The push could not be sent.', { cause: error }));
  }
  const outcome = parseTicketResponse(answer, { key: service.key, transactionId: id });
  if (!outcome.ok) {
    const { code, message } = outcome.error;
    throw await failed(code === 'ERR_PUSH_NO_DEVICE' ? noDevice() : new GcisError(code === 'ERR_PUSH_CHECKSUM' ? code : 'ERR_PUSH_SERVICE', message));
  }
  await store.pushTransactions.setTicket(id, outcome.ticket.sp_ticket_id);
  return { transactionId: id, matchCode, expiresAt: expiresAt.toISOString() };
}

/** ≤ 3 pending and ≤ 10 started in the last hour per ID, unknown IDs included; 429 ERR_PUSH_LIMIT otherwise. */
async function checkLimits({ store }: AppContext, nationalIdHmac: string, now: Date): Promise<void> {
  if (await store.pushTransactions.countPending(nationalIdHmac, now.toISOString()) >= pushLimits.pending) {
    throw new GcisError('ERR_PUSH_LIMIT', `${pushLimits.pending} push requests for this ID are already waiting; answer or cancel one first.`);
  }
  const hourAgo = new Date(now.getTime() - 3600_000);
  const recent = await store.pushTransactions.countSince(nationalIdHmac, hourAgo.toISOString());
  if (recent.count >= pushLimits.perHour) {
    const retryAfterSeconds = Math.max(1, Math.ceil((new Date(recent.oldest!).getTime() + 3600_000 - now.getTime()) / 1000));
    throw new GcisError('ERR_PUSH_LIMIT', `At most ${pushLimits.perHour} push requests per hour for one ID; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
