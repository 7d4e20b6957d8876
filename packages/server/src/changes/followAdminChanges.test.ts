import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { cryptoRandom, fixedClock } from '@gcis/core';
import { parseCertificate } from '@gcis/core/x509';
import { buildTestPki } from '@gcis/core/x509/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { crlAdd } from '../commands/crl.js';
import { trustAdd } from '../commands/trust.js';
import { dataPaths, initDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { openCertificateTrust } from '../trust/certificateTrust.js';
import { readCrlSources } from '../trust/crlFolder.js';
import { followAdminChanges } from './followAdminChanges.js';
import { shareCrlSource } from './shareFiles.js';

const pki = buildTestPki();
const io = () => {
  const sink = () => Object.assign(new PassThrough(), { write: () => true });
  return { stdin: new PassThrough(), stdout: sink(), stderr: sink(), env: {} } as unknown as ServerIo;
};

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

/**
 * Machine X: a data folder whose administrator runs commands. Machine Y: another instance's own
 * trust/ and crl/ on the same database, following it as `gcis-server start` does.
 */
function twoMachines() {
  const root = mkdtempSync(join(tmpdir(), 'gcis-follow-'));
  const x = join(root, 'x');
  initDataDir(x, cryptoRandom);
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(root, name), bytes);
    return join(root, name);
  };
  const y = { trust: join(root, 'y', 'trust'), crl: join(root, 'y', 'crl') };
  const follow = (store: Store, applied: () => void = () => undefined) => {
    const trust = openCertificateTrust(y, { clock: fixedClock(pki.now) });
    const warnings: string[] = [];
    const follower = followAdminChanges(store, y, {
      apply: async () => {
        await trust.reload();
        applied();
      },
      log: { warn: (message) => warnings.push(message) },
      intervalMs: 3_600_000, // the tests poll, or rely on the event
    });
    cleanup.push(() => follower.stop());
    return { follower, trust, warnings };
  };
  const openStore = () => {
    const store = openSqliteStore(dataPaths(x).database);
    cleanup.push(() => store.close());
    return store;
  };
  return { x, xPaths: dataPaths(x), y, file, follow, openStore };
}

describe('administrator changes reach every instance', () => {
  it('writes what trust add and crl add stored into another instance’s folders, which then trusts them', async () => {
    const { x, xPaths, y, file, follow, openStore } = twoMachines();
    const { follower, trust } = follow(openStore());
    await follower.ready;
    expect(trust.current().anchors).toHaveLength(0);

    await trustAdd(file('root.der', pki.root.der), { data: x }, io());
    await trustAdd(file('ca.der', pki.intermediate.der), { data: x }, io());
    await crlAdd(file('ca.crl', pki.intermediateCrl), { data: x }, io());
    await crlAdd('https://crl.test/root.crl', { data: x }, io(), { fetch: async () => pki.rootCrl });
    await follower.poll();

    for (const folder of ['trust/anchors', 'trust/intermediates', 'crl'] as const) {
      const [base, sub = ''] = folder.split('/') as ['trust' | 'crl', string?];
      const names = readdirSync(join(xPaths[base], sub)).filter((name) => !name.endsWith('.lock'));
      expect(readdirSync(join(y[base], sub)).sort()).toEqual(names.sort());
      for (const name of names) expect(readFileSync(join(y[base], sub, name))).toEqual(readFileSync(join(xPaths[base], sub, name)));
    }
    expect(readCrlSources(y.crl)).toEqual([{ url: 'https://crl.test/root.crl', file: expect.stringMatching(/^[0-9a-f]{16}\.crl$/) }]);
    expect(trust.current()).toMatchObject({ anchors: [expect.anything()], intermediates: [expect.anything()], crls: [expect.anything(), expect.anything()] });
  });

  it('applies a change at once on the server-changes event, without waiting for the poll', async () => {
    const { y, follow, openStore } = twoMachines();
    const store = openStore();
    let applied: () => void = () => undefined;
    const { follower } = follow(store, () => applied());
    await follower.ready;
    const done = new Promise<void>((resolve) => (applied = resolve));
    const name = `anchors/${parseCertificate(pki.root.der).thumbprintSha256}.der`;
    await store.sharedFiles.put({ folder: 'trust', name, bytes: Buffer.from(pki.root.der), at: pki.now.toISOString() });
    await store.serverChanges.bump();
    await store.events.publish({ kind: 'server-changes' });
    await done;
    expect(existsSync(join(y.trust, name))).toBe(true);
  });

  it('brings a newly started instance up to date before it serves: everything stored so far, at ready', async () => {
    const { x, file, follow, openStore } = twoMachines();
    await trustAdd(file('root.der', pki.root.der), { data: x }, io());
    await crlAdd(file('root.crl', pki.rootCrl), { data: x }, io());
    const { follower, trust } = follow(openStore());
    await follower.ready;
    expect(trust.current()).toMatchObject({ anchors: [expect.anything()], crls: [expect.anything()] });
  });

  it('keeps every CRL source when administrators on two machines add theirs at once', async () => {
    const { xPaths, y, follow, openStore } = twoMachines();
    const machines = [openStore(), openStore()];
    const folders = [mkdtempSync(join(tmpdir(), 'gcis-m1-')), mkdtempSync(join(tmpdir(), 'gcis-m2-'))];
    const source = (m: number, i: number) => ({ url: `https://crl.test/${m}/${i}.crl`, file: `${String(m * 100 + i).padStart(16, '0')}.crl` });
    await Promise.all(
      machines.flatMap((store, m) => Array.from({ length: 8 }, (_, i) => shareCrlSource(store.sharedFiles, folders[m]!, source(m, i), pki.now.toISOString()))),
    );
    const { follower } = follow(openStore());
    await follower.ready;
    expect(readCrlSources(y.crl)).toHaveLength(16);
    expect(existsSync(join(xPaths.crl, 'sources.json'))).toBe(false); // X's own folder was never involved
  });
});
