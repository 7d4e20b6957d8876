import type { RateCountDelta, RateCountsRepo } from '../../store/Store.js';
import type { RateCount, RateCounter } from './RateCounter.js';

type Window = { startMs: number; windowMs: number; shared: number; sending: number; unsent: number };

/** A RateCounter whose counts are shared by every instance through a RateCountsRepo; `sync` sends them. */
export type SyncedRateCounter = RateCounter & {
  /** Sends the counts taken since the last sync and learns every instance's totals; the timer calls it. */
  sync(): Promise<void>;
  /** Stops the timer and sends what is left. */
  close(): Promise<void>;
};

/**
 * Counts requests in this process's memory and, every `syncEveryMs`, adds them to the counts every
 * instance shares (one batched statement, not a write per request: a session check stays one read).
 * A request is counted at once against what this instance knows — every instance's total when it
 * last sent counts for that key, plus its own since — and each send brings back the totals, so an
 * instance may admit at most one sync period's worth of requests for a key past its limit. Windows
 * are aligned to multiples of their length, so all instances count in the same ones. Windows two
 * days old are purged every `purgeEveryMs`.
 */
export function syncedRateCounter(
  repo: RateCountsRepo,
  { syncEveryMs = 1000, purgeEveryMs = 600_000, maxKeys = 100_000, now = () => Date.now() }: { syncEveryMs?: number; purgeEveryMs?: number; maxKeys?: number; now?: () => number } = {},
): SyncedRateCounter {
  const windows = new Map<string, Window>();
  /** Counts of windows this instance has moved past but not sent yet. */
  let leftovers: RateCountDelta[] = [];
  let lastPurgeMs = now();
  let syncing: Promise<void> = Promise.resolve();
  const delta = (key: string, window: Window, count: number) => ({ key, windowStart: new Date(window.startMs).toISOString(), count });

  async function send(): Promise<void> {
    const batch = [...windows].filter(([, window]) => window.unsent > 0);
    for (const [, window] of batch) [window.sending, window.unsent] = [window.unsent, 0];
    const closed = leftovers;
    leftovers = [];
    try {
      if (batch.length + closed.length > 0) {
        const totals = await repo.add([...batch.map(([key, window]) => delta(key, window, window.sending)), ...closed]);
        batch.forEach(([, window], index) => ((window.shared = totals[index]!), (window.sending = 0)));
      }
      if (now() - lastPurgeMs >= purgeEveryMs) {
        lastPurgeMs = now();
        await repo.purge(new Date(lastPurgeMs - 2 * 86_400_000).toISOString());
      }
    } catch {
      // The database is away: keep counting here and send it all next time.
      for (const [, window] of batch) [window.unsent, window.sending] = [window.unsent + window.sending, 0];
      leftovers.push(...closed);
    }
  }

  const sync = () => (syncing = syncing.then(send));
  const timer = setInterval(() => void sync(), syncEveryMs);
  timer.unref();

  return {
    async hit(key, windowMs, nowMs): Promise<RateCount> {
      const startMs = Math.floor(nowMs / windowMs) * windowMs;
      let window = windows.get(key);
      if (!window || window.startMs !== startMs || window.windowMs !== windowMs) {
        if (window && window.unsent > 0) leftovers.push(delta(key, window, window.unsent));
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        window = { startMs, windowMs, shared: 0, sending: 0, unsent: 0 };
        windows.set(key, window);
      }
      window.unsent += 1;
      return { count: window.shared + window.sending + window.unsent, resetInMs: startMs + windowMs - nowMs };
    },
    sync,
    async close() {
      clearInterval(timer);
      await sync();
    },
  };
}
