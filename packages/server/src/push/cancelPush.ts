import { GcisError } from '@gcis/core';
import type { PushStatus } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import { announcePush } from './announcePush.js';
import { pushStatusOf } from './pushStatusOf.js';

/**
 * `DELETE /v1/login/push/{id}`: ends a pending login here and wakes its long polls on every
 * instance. TW FidO has no cancel for the relying party: the phone keeps showing the request
 * until its time limit, and an approval that comes later is ignored. An ended transaction is
 * returned as it is (an approved one without its session: that goes to a long poll only).
 */
export async function cancelPush(context: AppContext, id: string): Promise<PushStatus> {
  const { store, clock } = context;
  const row = await store.pushTransactions.get(id);
  if (!row || row.status === 'failed') throw new GcisError('ERR_NOT_FOUND', 'No such push login.');
  if (row.status !== 'pending') return pushStatusOf(row);
  if (await store.pushTransactions.finish(id, 'cancelled', clock.now().toISOString())) await announcePush(context, id);
  return pushStatusOf((await store.pushTransactions.get(id))!);
}
