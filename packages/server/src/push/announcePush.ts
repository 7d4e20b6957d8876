import type { AppContext } from '../context.js';

/**
 * Tells the long polls of every instance that a push transaction ended (a `push` store event:
 * LISTEN/NOTIFY on PostgreSQL, this process on SQLite). The ending itself is committed: when the
 * event cannot be sent it is logged, this instance's waiters are woken directly, and the others
 * find the outcome at their next safety re-read (push.rereadMs).
 */
export async function announcePush({ store, push }: AppContext, id: string): Promise<void> {
  try {
    await store.events.publish({ kind: 'push', id });
  } catch (error) {
    push.log.warn(`push ${id}: could not tell the other instances (${(error as Error).message}); they re-read it within ${push.rereadMs} ms`);
    push.wake(id);
  }
}
