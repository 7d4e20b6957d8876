import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/openDatabase.js';
import { serverChangesRepo } from '../store/serverChanges.js';
import { announceChange } from './announceChange.js';
import { watchChanges, type ChangeWatcher } from './watchChanges.js';

// The server's connection polls; the administrator's bumps go through a connection of their own,
// as from another process (SQLite keeps no state between connections but the file).
const opened: Array<{ db: Db; watcher: ChangeWatcher }> = [];
afterEach(async () => {
  for (const { db, watcher } of opened.splice(0)) {
    await watcher.stop();
    db.close();
  }
});

const silentStderr = () => {
  let text = '';
  return { stream: new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }), text: () => text };
};

function serverWatching(onChange: () => Promise<void>) {
  const database = join(mkdtempSync(join(tmpdir(), 'gcis-changes-')), 'gcis.db');
  const db = openDatabase(database);
  const warnings: string[] = [];
  // A long interval: the tests drive poll() themselves.
  const watcher = watchChanges(serverChangesRepo(db), { onChange, intervalMs: 3_600_000, log: { warn: (message) => warnings.push(message) } });
  opened.push({ db, watcher });
  return { database, watcher, warnings, announce: () => announceChange(database, silentStderr().stream) };
}

describe('watchChanges', () => {
  it('applies once at the first poll, then only after an administrator bumps the counter', async () => {
    let applied = 0;
    const { watcher, announce } = serverWatching(async () => void applied++);
    await watcher.poll();
    await watcher.poll();
    expect(applied).toBe(1);
    announce();
    await watcher.poll();
    await watcher.poll();
    expect(applied).toBe(2);
  });

  it('applies again for a change announced while the previous one was being applied', async () => {
    let applied = 0;
    let announceDuringApply: (() => void) | undefined;
    const { watcher, announce } = serverWatching(async () => {
      applied++;
      announceDuringApply?.();
      announceDuringApply = undefined;
    });
    await watcher.poll();
    announce();
    announceDuringApply = announce;
    await watcher.poll(); // applies, and meanwhile another change arrives
    await watcher.poll();
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
    announce();
    await Promise.all([watcher.poll(), watcher.poll(), watcher.poll()]);
    expect(most).toBe(1);
  });

  it('logs a failed apply once and does not retry it at every poll', async () => {
    let attempts = 0;
    const { watcher, warnings, announce } = serverWatching(async () => {
      attempts++;
      throw new Error('trust/anchors/x.der is not a DER certificate');
    });
    announce();
    await watcher.poll();
    await watcher.poll();
    expect([attempts, warnings.length]).toEqual([1, 1]);
  });

  it('sees many administrators announcing at once: the counter counts every bump', async () => {
    const { database } = serverWatching(async () => undefined);
    const admins = Array.from({ length: 4 }, () => openDatabase(database));
    for (let round = 0; round < 25; round++) for (const admin of admins) serverChangesRepo(admin).bump();
    const version = serverChangesRepo(admins[0]!).version();
    for (const admin of admins) admin.close();
    expect(version).toBe(100);
  });

  it('an announcement that cannot reach the database warns instead of failing the command', () => {
    const stderr = silentStderr();
    announceChange(join(mkdtempSync(join(tmpdir(), 'gcis-changes-')), 'missing', 'gcis.db'), stderr.stream);
    expect(stderr.text()).toMatch(/^gcis-server: .+\n$/);
  });
});
