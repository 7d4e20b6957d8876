import { describe, expect, it } from 'vitest';
import { contractStores, storesForFile } from './contractStores.js';
import { at, onBoth } from './fixtures.js';

describe.each(contractStores)('shared trust and CRL files on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('stores bytes as given, removes with null, and lists changes after a version in order', async () => {
    const { first, second } = stores;
    const start = (await first.sharedFiles.since(0)).at(-1)?.version ?? 0;
    const bytes = Buffer.from([0, 1, 2, 255, 0x30, 0x82]);
    const v1 = await first.sharedFiles.put({ folder: 'trust', name: 'anchors/one.der', bytes, at: at(1) });
    const v2 = await second.sharedFiles.put({ folder: 'crl', name: 'one.crl', bytes: Buffer.from('crl'), at: at(2) });
    const v3 = await first.sharedFiles.put({ folder: 'trust', name: 'anchors/one.der', bytes: null, at: at(3) });
    expect([v2! - v1!, v3! - v2!]).toEqual([1, 1]);
    expect(await second.sharedFiles.get('trust', 'anchors/one.der')).toEqual({ folder: 'trust', name: 'anchors/one.der', bytes: null, version: v3, changed_at: at(3) });
    const since = await second.sharedFiles.since(start);
    expect(since.map((row) => [row.folder, row.name, row.version])).toEqual([
      ['crl', 'one.crl', v2],
      ['trust', 'anchors/one.der', v3],
    ]);
    expect(Buffer.from((await first.sharedFiles.get('crl', 'one.crl'))!.bytes!)).toEqual(Buffer.from('crl'));
    expect(await first.sharedFiles.get('crl', 'never.crl')).toBeUndefined();
    expect(await first.sharedFiles.since(v3!)).toEqual([]);
  });

  it('hands out versions without gap or repeat to 40 writers on two instances at once', async () => {
    const { first, second } = stores;
    const start = (await first.sharedFiles.since(0)).at(-1)?.version ?? 0;
    const versions = await onBoth([first, second], 40, (store, index) =>
      store.sharedFiles.put({ folder: 'crl', name: `${index % 5}.crl`, bytes: Buffer.from(String(index)), at: at(index) }),
    );
    expect([...versions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, index) => start + index + 1));
    const rows = await second.sharedFiles.since(start);
    expect(rows).toHaveLength(5); // each file once, at its last version
    for (const row of rows) expect(row.bytes!.toString()).toBe(String(versions.indexOf(row.version)));
  });

  it('changes a file only at the version the writer read: of 10 writers that read the same, one wins', async () => {
    const { first, second } = stores;
    expect(await first.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('{}'), at: at(0) }, null)).toBeTypeOf('number');
    expect(await second.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from('{"x":1}'), at: at(0) }, null)).toBeUndefined();
    const read = (await second.sharedFiles.get('crl', 'sources.json'))!.version;
    const results = await onBoth([first, second], 10, (store, index) =>
      store.sharedFiles.put({ folder: 'crl', name: 'sources.json', bytes: Buffer.from(`{"w":${index}}`), at: at(1) }, read),
    );
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
  });

  it('refuses a folder other than trust and crl', async () => {
    await expect(stores.first.sharedFiles.put({ folder: 'secrets' as 'crl', name: 'secret.key', bytes: Buffer.from('x'), at: at(0) })).rejects.toThrow();
  });
});
