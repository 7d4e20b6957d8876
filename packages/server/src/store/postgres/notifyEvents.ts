import type pg from 'pg';
import type { StoreEvent, StoreEvents } from '../Store.js';
import type { PgDatabase } from './lib/pgDatabase.js';

const channel = 'gcis_store_events';

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
 * Resolves once it listens, so no event published after open is missed.
 */
export async function notifyEvents(db: PgDatabase, { newClient, reconnectDelayMs = { first: 100, max: 5_000 } }: NotifyEventsOptions) {
  const listeners = new Set<(event: StoreEvent) => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let delay = reconnectDelayMs.first;
  let timer: NodeJS.Timeout | undefined;

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
    const lost = () => {
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
    } catch (error) {
      await candidate.end().catch(() => undefined);
      throw error;
    }
    if (closed) return void (await candidate.end().catch(() => undefined));
    client = candidate;
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

/** Only the two shapes StoreEvent allows; anything else on the channel (another program's NOTIFY) is ignored. */
function parseEvent(payload: string | undefined): StoreEvent | undefined {
  try {
    const value = JSON.parse(payload ?? '') as { kind?: unknown; id?: unknown };
    if (value.kind === 'push' && typeof value.id === 'string') return { kind: 'push', id: value.id };
    if (value.kind === 'server-changes') return { kind: 'server-changes' };
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
