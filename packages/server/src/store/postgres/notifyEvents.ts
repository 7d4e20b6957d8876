import type pg from 'pg';
import type { StoreEvent, StoreEvents } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

/** The NOTIFY channel of store events (SessionsRepo.revoke notifies on it inside its transaction). */
export const eventsChannel = 'gcis_store_events';
const channel = eventsChannel;

export type NotifyEventsOptions = {
  /** A new client for the dedicated LISTEN connection (not from the pool: it stays connected). */
  newClient: () => pg.Client;
  /** Waits before reconnecting after the connection is lost: doubling from the first to the last. */
  reconnectDelayMs?: { first: number; max: number };
};

/**
 * Store events between every instance on one database through LISTEN/NOTIFY
 * (https://www.postgresql.org/docs/current/sql-notify.html): publish is a NOTIFY with a JSON
 * payload; one dedicated connection LISTENs and hands each event to the subscribers, this
 * instance's own events included. When that connection is lost it reconnects with backoff, and
 * then tells subscribers `server-changes`, since changes may have been missed while it was away.
 * Resolves once it listens, so no event published after open is missed. `receiving` numbers each
 * period between LISTEN succeeding and the connection's loss being noticed (its `error` or `end`),
 * and is undefined in between.
 */
export async function notifyEvents(db: PgDatabase, { newClient, reconnectDelayMs = { first: 100, max: 5_000 } }: NotifyEventsOptions) {
  const listeners = new Set<(event: StoreEvent) => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let delay = reconnectDelayMs.first;
  let timer: NodeJS.Timeout | undefined;
  let periods = 0;

  const deliver = (event: StoreEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // a subscriber's own failure is its own; the event still reaches the rest
      }
    }
  };

  const listen = async () => {
    const candidate = newClient();
    let dead = false;
    const lost = () => {
      dead = true;
      if (candidate !== client) return;
      client = undefined;
      candidate.end().catch(() => undefined);
      reconnectLater();
    };
    candidate.on('error', lost);
    candidate.on('end', lost);
    candidate.on('notification', ({ channel: from, payload }) => {
      const event = from === channel ? parseEvent(payload) : undefined;
      if (event) deliver(event);
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${channel}`);
      // Lost before it became the listener: counting it as listening would hide the loss for good.
      if (dead) throw new Error('the listening connection was lost as it started');
    } catch (error) {
      await candidate.end().catch(() => undefined);
      throw error;
    }
    if (closed) return void (await candidate.end().catch(() => undefined));
    client = candidate;
    periods += 1;
  };

  const reconnectLater = () => {
    if (closed) return;
    timer = setTimeout(async () => {
      try {
        await listen();
        delay = reconnectDelayMs.first;
        if (!closed) deliver({ kind: 'server-changes' });
      } catch {
        delay = Math.min(delay * 2, reconnectDelayMs.max);
        reconnectLater();
      }
    }, delay);
    timer.unref();
  };

  await listen();

  const events: StoreEvents & { close(): Promise<void> } = {
    publish: async (event) => void (await db.sql('SELECT pg_notify($1, $2)', [channel, JSON.stringify(event)])),
    receiving: () => (client ? periods : undefined),
    subscribe: (listener) => {
      // Wrapped, so one function subscribed twice is two subscriptions, as with an EventEmitter.
      const subscription = (event: StoreEvent) => listener(event);
      listeners.add(subscription);
      return () => void listeners.delete(subscription);
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
  return events;
}

/** Only the shapes StoreEvent allows; anything else on the channel (another program's NOTIFY) is ignored. */
function parseEvent(payload: string | undefined): StoreEvent | undefined {
  try {
    const value = JSON.parse(payload ?? '') as { kind?: unknown; id?: unknown; tokenHash?: unknown };
    if (value.kind === 'push' && typeof value.id === 'string') return { kind: 'push', id: value.id };
    if (value.kind === 'session-revoked' && typeof value.tokenHash === 'string') return { kind: 'session-revoked', tokenHash: value.tokenHash };
    if (value.kind === 'server-changes') return { kind: 'server-changes' };
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
