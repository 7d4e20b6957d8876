import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestPki, issueCrl } from '@gcis/core/x509/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../store/index.js';
import { crlFileName } from '../trust/crlFolder.js';
import { parseCertificate } from '@gcis/core/x509';
import { syncSharedFiles } from './syncSharedFiles.js';

const pki = buildTestPki();
const rootName = `anchors/${parseCertificate(pki.root.der).thumbprintSha256}.der`;
const crlName = crlFileName(parseCertificate(pki.intermediate.der));
const at = '2026-11-30T00:00:00.000Z';
const crlAt = (days: number) =>
  Buffer.from(issueCrl({ issuer: pki.intermediate, thisUpdate: new Date(pki.now.getTime() + days * 86_400_000), nextUpdate: new Date(pki.now.getTime() + (days + 7) * 86_400_000) }));

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** One database, and an instance's data folder (trust/ and crl/) that follows it. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), 'gcis-shared-'));
  const store = openSqliteStore(join(root, 'gcis.db'));
  opened.push(store);
  const folder = (name: string) => ({ trust: join(root, name, 'trust'), crl: join(root, name, 'crl') });
  const warnings: string[] = [];
  const follower = (paths = folder('instance')) => ({ paths, sync: syncSharedFiles(store.sharedFiles, paths, { log: { warn: (m) => warnings.push(m) } }) });
  return { root, store, folder, follower, warnings };
}

describe('shared trust and CRL files', () => {
  it('brings a folder up to date, then applies only what changed since, removals included', async () => {
    const { store, follower } = setup();
    await store.sharedFiles.put({ folder: 'trust', name: rootName, bytes: Buffer.from(pki.root.der), at });
    await store.sharedFiles.put({ folder: 'crl', name: crlName, bytes: crlAt(0), at });
    const { paths, sync } = follower();
    expect(await sync.sync()).toBe(2);
    expect(readFileSync(join(paths.trust, rootName))).toEqual(Buffer.from(pki.root.der));
    expect(await sync.sync()).toBe(0);
    await store.sharedFiles.put({ folder: 'trust', name: rootName, bytes: null, at });
    expect(await sync.sync()).toBe(1);
    expect(existsSync(join(paths.trust, rootName))).toBe(false);
    expect(readdirSync(paths.crl)).toEqual([crlName]);
  });

  it('refuses rows named to escape the folders, whoever wrote them, and writes nothing outside', async () => {
    const { root, store, follower, warnings } = setup();
    const attacks = [
      ['trust', '../secret.key'],
      ['trust', 'anchors/../../../secret.key'],
      ['trust', `/tmp/${rootName}`],
      ['trust', `anchors/${'a'.repeat(64)}.der/../../x`],
      ['crl', '../gcis.db'],
      ['crl', `${'0'.repeat(16)}.crl\n`],
      ['crl', 'sources.json.tmp'],
    ] as const;
    for (const [folder, name] of attacks) await store.sharedFiles.put({ folder, name, bytes: Buffer.from('owned'), at });
    // A well-formed name over other content: another CA passed off as the trusted root.
    await store.sharedFiles.put({ folder: 'trust', name: rootName, bytes: Buffer.from(pki.intermediate.der), at });
    // The database refuses a folder that is not trust/ or crl/ outright.
    await expect(store.sharedFiles.put({ folder: 'config' as 'crl', name: 'config.json', bytes: Buffer.from('{}'), at })).rejects.toThrow();
    const { sync } = follower();
    expect(await sync.sync()).toBe(0);
    expect(warnings).toHaveLength(attacks.length + 1);
    expect(readdirSync(root).sort()).toEqual(['gcis.db', 'gcis.db-shm', 'gcis.db-wal']);
  });

  it('keeps a CRL this instance downloaded when the stored one is older, and takes a newer one', async () => {
    const { store, follower } = setup();
    const { paths, sync } = follower();
    mkdirSync(paths.crl, { recursive: true });
    writeFileSync(join(paths.crl, crlName), crlAt(2));
    await store.sharedFiles.put({ folder: 'crl', name: crlName, bytes: crlAt(1), at });
    expect(await sync.sync()).toBe(0);
    expect(readFileSync(join(paths.crl, crlName))).toEqual(crlAt(2));
    await store.sharedFiles.put({ folder: 'crl', name: crlName, bytes: crlAt(3), at });
    expect(await sync.sync()).toBe(1);
    expect(readFileSync(join(paths.crl, crlName))).toEqual(crlAt(3));
  });
});
