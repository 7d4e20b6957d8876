import { EventEmitter } from 'node:events';
import type { StoreEvent, StoreEvents } from '../Store.js';

/**
 * Store events within this process: every instance on a SQLite file is this process, so an
 * EventEmitter reaches them all (other processes' `server-changes` arrive by the poll of
 * ServerChangesRepo). A listener that throws does not stop the others or the publisher.
 *
 * Other processes' events never arrive, so `receiving` is SQLite's `PRAGMA data_version`
 * (https://www.sqlite.org/pragma.html#pragma_data_version), which changes whenever another
 * connection — another process — commits anything to the file: memory that events keep correct
 * is trusted only while no other process has written since it was read. Asking costs about as
 * much as the session read it saves, so an answer is reused for `sampleMs` (1 ms): another
 * process's write is noticed within that.
 */
export function localEvents(
  dataVersion: () => number,
  { sampleMs = 1, monotonicMs = () => performance.now() }: { sampleMs?: number; monotonicMs?: () => number } = {},
): StoreEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one per waiting long poll
  let sampled = { at: -Infinity, version: 0 };
  return {
    publish: async (event: StoreEvent) => void emitter.emit('event', event),
    subscribe: (listener) => {
      const guarded = (event: StoreEvent) => {
        try {
          listener(event);
        } catch {
          // a subscriber's own failure is its own; the event still reaches the rest
        }
      };
      emitter.on('event', guarded);
      return () => void emitter.off('event', guarded);
    },
    receiving: () => {
      const now = monotonicMs();
      if (now - sampled.at >= sampleMs || now < sampled.at) sampled = { at: now, version: dataVersion() };
      return sampled.version;
    },
  };
}
