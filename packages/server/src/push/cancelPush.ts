import { GcisError } from '@gcis/core';
import type { PushStatus } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import { pushStatusOf } from './pushStatusOf.js';

/**
 * `DELETE /v1/login/push/{id}`: ends a pending login here and wakes its long polls. TW FidO has no
 * cancel for the relying party: the phone keeps showing the request until its time limit, and an
 * approval that comes later is ignored. An ended transaction is returned as it is.
 */
export async function cancelPush({ store, clock, push }: AppContext, id: string): Promise<PushStatus> {
  const row = await store.pushTransactions.get(id);
  if (!row || row.status === 'failed') throw new GcisError('ERR_NOT_FOUND', 'No such push login.');
  if (await store.pushTransactions.finish(id, 'cancelled', clock.now().toISOString())) push.wake(id);
  return pushStatusOf((await store.pushTransactions.get(id))!);
}
