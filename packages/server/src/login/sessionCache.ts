import { sessionState } from '@gcis/core/session';
import type { SessionRow, Store } from '../store/Store.js';
import type { SessionLimits } from './sessionTouch.js';

export type SessionCacheOptions = {
  /** Rows kept at most; past it the least recently used go (default 50 000). */
  maxEntries?: number;
  /** How long a row is used before it is read again, whatever the events say (default 5 000 ms). */
  ttlMs?: number;
};

export type SessionCache = {
  /**
   * The stored row of a token's session: from memory when allowed (see {@link sessionCache}),
   * else read from the store. A kept row that looks ended at `now` is read again before it is
   * returned: another instance may have used the session since. Undefined when the store has none.
   */
  find(tokenHash: string, now: Date): Promise<SessionRow | undefined>;
  /** Writes the last use to the store (never back) and keeps the kept row in step. */
  touch(tokenHash: string, at: string): Promise<void>;
  /** Revokes in the store (which announces it to every instance) and forgets the row here first. */
  revoke(tokenHash: string, at: string): Promise<boolean>;
  /** Rows kept now. */
  size(): number;
  /** Stops following the store's events. */
  close(): void;
};

type Entry = { row: SessionRow; period: number; keptAt: number };

/**
 * Live session rows by token hash, kept in this instance's memory so a session check costs no
 * store read. The guarantee: a session revoked on any instance is refused here as soon as the
 * store's `session-revoked` event arrives (PostgreSQL: the NOTIFY delivery delay after the
 * revocation commits), and this instance's own revocations at once. Rows are used only while
 * `store.events.receiving()` is the number it was when the row was read: while the listener is
 * down (and after it comes back, for rows read before) every check reads the database, so no
 * missed event can leave a revoked row here. What events cannot cover — a listening connection
 * that died silently, not yet noticed — the TTL bounds: no row is used more than `ttlMs` after it
 * was read. On SQLite `receiving()` is the file's data_version: rows are used only while no other
 * process has written to the file since they were read.
 *
 * Only live rows are kept (not revoked, within both limits when read): an unknown or ended token
 * always reads the store, so made-up tokens cannot fill this. A read that a revocation (any token's) overtook is not kept, since it may
 * predate the revocation. Expiry is still computed from the row by the caller (login/authenticate.ts).
 */
export function sessionCache(
  store: Pick<Store, 'sessions' | 'events'>,
  config: { session: SessionLimits },
  { maxEntries = 50_000, ttlMs = 5_000 }: SessionCacheOptions = {},
): SessionCache {
  const entries = new Map<string, Entry>();
  let revocations = 0; // how many revocations this instance has heard of: a read they overtook is not kept

  const forget = (tokenHash: string) => {
    revocations += 1;
    entries.delete(tokenHash);
  };
  const stop = store.events.subscribe((event) => {
    if (event.kind === 'session-revoked') forget(event.tokenHash);
  });

  const usable = (entry: Entry, now: number) => {
    const period = store.events.receiving();
    return period !== undefined && entry.period === period && now >= entry.keptAt && now - entry.keptAt < ttlMs;
  };

  const live = (row: SessionRow, now: Date) =>
    !row.revoked_at && sessionState({ issuedAt: new Date(row.issued_at), lastSeenAt: new Date(row.last_seen_at) }, now, config.session).active;

  async function read(tokenHash: string, now: Date): Promise<SessionRow | undefined> {
    const period = store.events.receiving();
    const heard = revocations;
    const row = await store.sessions.find(tokenHash);
    const keep = row && live(row, now) && period !== undefined && period === store.events.receiving() && heard === revocations;
    entries.delete(tokenHash);
    if (!keep) return row;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(tokenHash, { row, period, keptAt: now.getTime() });
    return row;
  }

  return {
    async find(tokenHash, now) {
      const entry = entries.get(tokenHash);
      if (entry && live(entry.row, now) && usable(entry, now.getTime())) {
        // Map order is insertion order: moved to the end, it is the last to be pushed out.
        entries.delete(tokenHash);
        entries.set(tokenHash, entry);
        return entry.row;
      }
      return read(tokenHash, now);
    },
    async touch(tokenHash, at) {
      await store.sessions.touch(tokenHash, at);
      const entry = entries.get(tokenHash);
      if (entry && entry.row.last_seen_at < at) entries.set(tokenHash, { ...entry, row: { ...entry.row, last_seen_at: at } });
    },
    async revoke(tokenHash, at) {
      forget(tokenHash);
      try {
        return await store.sessions.revoke(tokenHash, at);
      } finally {
        forget(tokenHash); // a read that started while the revocation was on its way is not kept either
      }
    },
    size: () => entries.size,
    close: stop,
  };
}
