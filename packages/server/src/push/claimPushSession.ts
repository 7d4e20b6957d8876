import type { Session } from '@gcis/core/api';
import type { AppContext } from '../context.js';

/**
 * The session of an approved push login, for the first caller on any instance
 * (PushTransactionsRepo.claimSession clears it as it hands it out); undefined for every later
 * one. Every long poll of one transaction is the same client's (only it knows the id), so the
 * first to ask takes it and the others see `approved` without it.
 */
export async function claimPushSession({ store, box }: AppContext, id: string): Promise<Session | undefined> {
  const sealed = await store.pushTransactions.claimSession(id);
  return sealed && (JSON.parse(box.open(sealed, aad(id)).toString('utf8')) as Session);
}

/** The session as approve keeps it until claimed: sealed with the server's key, bound to its transaction. */
export function sealPushSession({ box }: Pick<AppContext, 'box'>, id: string, session: Session): Buffer {
  return box.seal(Buffer.from(JSON.stringify(session)), aad(id));
}

const aad = (id: string) => `push-session:${id}`;
