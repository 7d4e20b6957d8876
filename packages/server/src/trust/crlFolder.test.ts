import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCrlSources, saveCrlSource, withCrlSource } from './crlFolder.js';

const source = (i: number) => ({ url: `https://crl.test/${i}.crl`, file: `${String(i).padStart(16, '0')}.crl` });

describe('crl/sources.json', () => {
  it('keeps every source when many commands record theirs at once (read-modify-write under the lock)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gcis-crl-')), 'crl');
    // Each update yields between its read and its write, as a slow disk or a database round trip would.
    const slowly = (i: number) => async (local: Parameters<typeof withCrlSource>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return withCrlSource(local, source(i));
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => saveCrlSource(dir, source(i), slowly(i))));
    expect(readCrlSources(dir).map((s) => s.url).sort()).toEqual(Array.from({ length: 12 }, (_, i) => source(i).url).sort());
  });

  it('replaces the entry of the same URL or the same CRL file, keeping the rest', () => {
    const merged = withCrlSource([source(1), source(2), { url: 'https://old.test/x.crl', file: source(3).file }], { url: source(2).url, file: source(3).file });
    expect(JSON.parse(merged.toString()).sources).toEqual([source(1), { url: source(2).url, file: source(3).file }]);
  });
});
