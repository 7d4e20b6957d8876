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
 * is trusted only while no other process has written since it was read.
 */
export function localEvents(dataVersion: () => number): StoreEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one per waiting long poll
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
    receiving: dataVersion,
  };
}
