import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followAdminChanges } from '../../changes/followAdminChanges.js';
import { createTestDatabase } from '../../testing/testDatabase.js';
import type { Store } from '../Store.js';
import { openPostgresStore } from './openPostgresStore.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

describe('administrator changes between PostgreSQL instances', () => {
  it('reach another instance’s folder through NOTIFY at once, without its poll', async () => {
    const url = await createTestDatabase();
    const [admin, instance] = await Promise.all([openPostgresStore(url, { poolSize: 2 }), openPostgresStore(url, { poolSize: 2 })]);
    opened.push(admin, instance);
    const root = mkdtempSync(join(tmpdir(), 'gcis-pg-follow-'));
    const paths = { trust: join(root, 'trust'), crl: join(root, 'crl') };
    let applied: () => void = () => undefined;
    const follower = followAdminChanges(instance, paths, { apply: async () => applied(), log: { warn: () => undefined }, intervalMs: 3_600_000 });
    await follower.ready;
    const done = new Promise<void>((resolve) => (applied = resolve));
    const name = `${'0123456789abcdef'}.crl`;
    await admin.sharedFiles.put({ folder: 'crl', name, bytes: Buffer.from('a CRL'), at: new Date(0).toISOString() });
    await admin.serverChanges.bump();
    await admin.events.publish({ kind: 'server-changes' });
    await done;
    expect(existsSync(join(paths.crl, name))).toBe(true);
    await follower.stop();
  });
});
