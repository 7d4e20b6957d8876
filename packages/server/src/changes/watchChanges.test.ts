import { en } from '../i18n/en.js';
import { cryptoRandom } from '@gcis/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { initDataDir } from '../dataDir.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { announceChange } from './announceChange.js';
import { watchChanges, type ChangeWatcher } from './watchChanges.js';

// The server's connection polls; the administrator's bumps go through a connection of their own,
// as from another process (SQLite keeps no state between connections but the file).
const opened: Array<{ store: Store; watcher: ChangeWatcher }> = [];
afterEach(async () => {
  for (const { store, watcher } of opened.splice(0)) {
    await watcher.stop();
    await store.close();
  }
});

const silentStderr = () => {
  let text = '';
  return { stream: new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }), text: () => text };
};

function serverWatching(onChange: () => Promise<void>) {
  const data = join(mkdtempSync(join(tmpdir(), 'gcis-changes-')), 'data');
  const { database } = initDataDir(data, cryptoRandom);
  const store = openSqliteStore(database);
  const warnings: string[] = [];
  // A long interval: the tests drive poll() themselves.
  const watcher = watchChanges(store.serverChanges, { onChange, intervalMs: 3_600_000, log: { warn: (message) => warnings.push(message) } });
  opened.push({ store, watcher });
  return { database, watcher, warnings, announce: () => announceChange({ data }, {}, silentStderr().stream, en.out) };
}

describe('watchChanges', () => {
  it('applies once at the first poll, then only after an administrator bumps the counter', async () => {
    let applied = 0;
    const { watcher, announce } = serverWatching(async () => void applied++);
    await watcher.poll();
    await watcher.poll();
    expect(applied).toBe(1);
    await announce();
    await watcher.poll();
    await watcher.poll();
    expect(applied).toBe(2);
  });

  it('applies again for a change announced while the previous one was being applied', async () => {
    let applied = 0;
    let announceDuringApply: (() => Promise<void>) | undefined;
    const { watcher, announce } = serverWatching(async () => {
      applied++;
      await announceDuringApply?.();
      announceDuringApply = undefined;
    });
    await watcher.poll();
    await announce();
    announceDuringApply = announce;
    await watcher.poll(); // applies, and meanwhile another change arrives
    await watcher.poll();
    expect(applied).toBe(3);
  });

  it('answers a poll asked for during an apply (an event) as soon as the apply ends, not at the next timer poll', async () => {
    let applied = 0;
    let gate: Promise<void> | undefined;
    const { watcher, announce } = serverWatching(async () => {
      applied++;
      await gate;
    });
    await watcher.poll();
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    await announce();
    const applying = watcher.poll();
    await announce(); // a second change while the first is applied, and its event's poll
    void watcher.poll();
    open();
    await applying;
    expect(applied).toBe(3);
  });

  it('runs one apply at a time when polls overlap', async () => {
    let running = 0;
    let most = 0;
    const { watcher, announce } = serverWatching(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    });
    await announce();
    await Promise.all([watcher.poll(), watcher.poll(), watcher.poll()]);
    expect(most).toBe(1);
  });

  it('logs a failed apply once and does not retry it at every poll', async () => {
    let attempts = 0;
    const { watcher, warnings, announce } = serverWatching(async () => {
      attempts++;
      throw new Error('trust/anchors/x.der is not a DER certificate');
    });
    await announce();
    await watcher.poll();
    await watcher.poll();
    expect([attempts, warnings.length]).toEqual([1, 1]);
  });

  it('sees many administrators announcing at once: the counter counts every bump', async () => {
    const { database } = serverWatching(async () => undefined);
    const admins = Array.from({ length: 4 }, () => openSqliteStore(database));
    await Promise.all(admins.map(async (admin) => {
      for (let round = 0; round < 25; round++) await admin.serverChanges.bump();
    }));
    const version = await admins[0]!.serverChanges.version();
    for (const admin of admins) await admin.close();
    expect(version).toBe(100);
  });

  it('an announcement that cannot reach the database warns instead of failing the command', async () => {
    const stderr = silentStderr();
    await announceChange({ data: join(mkdtempSync(join(tmpdir(), 'gcis-changes-')), 'missing') }, {}, stderr.stream, en.out);
    expect(stderr.text()).toMatch(/^gcis-server: .+\n$/);
  });
});
