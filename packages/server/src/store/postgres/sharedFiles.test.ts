import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/testDatabase.js';
import type { Store } from '../Store.js';
import { openPostgresStore } from './openPostgresStore.js';
import type { sharedFilesRepo } from './sharedFiles.js';

type WithSharedFiles = Store & { sharedFiles: ReturnType<typeof sharedFilesRepo> };

describe('shared trust/ and crl/ files on PostgreSQL', () => {
  let first: WithSharedFiles;
  let second: WithSharedFiles;
  beforeAll(async () => {
    const url = await createTestDatabase();
    first = (await openPostgresStore(url)) as WithSharedFiles;
    second = (await openPostgresStore(url)) as WithSharedFiles;
  });
  afterAll(async () => void (await Promise.all([first?.close(), second?.close()])));

  it('stores, replaces and removes files, each change the next version, and lists what changed after a version', async () => {
    const at = '2026-11-27T00:00:00.000Z';
    const one = await first.sharedFiles.put({ folder: 'trust', name: 'anchors/a.der', bytes: Buffer.from('a1'), at });
    const two = await second.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('{}'), at }, null);
    const three = await first.sharedFiles.put({ folder: 'trust', name: 'anchors/a.der', bytes: null, at });
    expect([one, two, three]).toEqual([1, 2, 3]);
    expect(await second.sharedFiles.get('trust', 'anchors/a.der')).toEqual({ folder: 'trust', name: 'anchors/a.der', bytes: null, version: 3, changed_at: at });
    expect(await second.sharedFiles.get('crl', 'none.crl')).toBeUndefined();
    expect((await second.sharedFiles.since(1)).map((row) => [row.name, row.version])).toEqual([
      ['sources.json', 2],
      ['anchors/a.der', 3],
    ]);
    // a conditional write loses to a change it did not see
    expect(await first.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('[1]'), at }, null)).toBeUndefined();
    expect(await first.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('[1]'), at }, 1)).toBeUndefined();
    expect(await first.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('[1]'), at }, 2)).toBe(4);
  });

  it('lets one of 10 concurrent read-modify-writes from two instances through, and numbers 20 concurrent writes without a gap', async () => {
    const at = '2026-11-27T00:00:00.000Z';
    const base = (await first.sharedFiles.put({ folder: 'crl', name: 'rmw.json', bytes: Buffer.from('0'), at }))!;
    const writes = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).sharedFiles.put({ folder: 'crl', name: 'rmw.json', bytes: Buffer.from(`${index}`), at }, base)),
    );
    expect(writes.filter((version) => version !== undefined)).toHaveLength(1);

    const start = (await first.sharedFiles.since(0)).at(-1)!.version;
    const versions = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).sharedFiles.put({ folder: 'trust', name: `anchors/${index}.der`, bytes: Buffer.from('x'), at })),
    );
    expect([...versions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, index) => start + index + 1));
  });
});
