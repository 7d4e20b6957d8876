import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/Store.js';
import { openSqliteStore } from '../store/sqlite/openSqliteStore.js';
import { sessionCache } from './sessionCache.js';

// Two handles on one SQLite file stand for two processes (a second server, an administrator
// command): the second's events never reach the first, so its writes must stop the first from
// trusting what it keeps — within the millisecond the file's data_version is reused for
// (store/sqlite/localEvents.ts), which the waits below let pass.
const limits = { session: { absoluteSeconds: 8 * 3600, idleSeconds: 1800 } };
const now = new Date('2026-11-30T12:00:00.000Z');

describe('the session cache on SQLite, with another process writing to the file', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  async function twoProcesses() {
    const file = join(mkdtempSync(join(tmpdir(), 'gcis-session-cache-')), 'gcis.db');
    const here = openSqliteStore(file);
    const other = openSqliteStore(file);
    opened.push(here, other);
    const accountId = await here.accounts.insert({
      account: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      nationalIdHmac: null,
      nationalIdMasked: null,
      passwordHash: '$argon2id$stub',
      createdAt: now.toISOString(),
    });
    await here.sessions.insert({ tokenHash: 'token-hash', accountId, method: 'totp', issuedAt: now.toISOString() });
    const reads = { count: 0 };
    const find = here.sessions.find;
    here.sessions.find = (tokenHash) => ((reads.count += 1), find(tokenHash));
    return { here, other, reads, cache: sessionCache(here, limits) };
  }

  it('keeps a live row while only this process writes', async () => {
    const { here, reads, cache } = await twoProcesses();
    expect((await cache.find('token-hash', now))?.revoked_at).toBeNull();
    await cache.touch('token-hash', new Date(now.getTime() + 20_000).toISOString());
    await here.captchas.insert('own-write', 'hash', now.toISOString());
    await delay(2);
    expect((await cache.find('token-hash', now))?.revoked_at).toBeNull();
    expect(reads.count).toBe(1);
    cache.close();
  });

  it('refuses within a millisecond a session another process revoked, though its row was kept', async () => {
    const { other, reads, cache } = await twoProcesses();
    expect((await cache.find('token-hash', now))?.revoked_at).toBeNull();
    expect(await other.sessions.revoke('token-hash', now.toISOString())).toBe(true);
    await delay(2);
    expect((await cache.find('token-hash', now))?.revoked_at).toBe(now.toISOString());
    expect(reads.count).toBe(2);
    expect(cache.size()).toBe(0);
    cache.close();
  });

  it('reads again after any write of another process, whatever it wrote', async () => {
    const { other, reads, cache } = await twoProcesses();
    await cache.find('token-hash', now);
    await other.captchas.insert('their-write', 'hash', now.toISOString());
    await delay(2);
    await cache.find('token-hash', now);
    await cache.find('token-hash', now);
    expect(reads.count).toBe(2); // once after their write, then kept again
    cache.close();
  });
});
