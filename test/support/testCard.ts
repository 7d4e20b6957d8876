import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from './paths.js';

/** What `examples/test-card/make-test-card.mjs --json` prints (and leaves in FOLDER/card.json). */
export type TestCardFolder = {
  folder: string;
  variant: string;
  refusedWith: string | null;
  pin: string;
  soPin: string;
  tokenSerial: string;
  keyId: string;
  env: { SOFTHSM2_CONF: string; GCIS_PKCS11_MODULE: string };
  identity: { name: string; serialNumber: string; idLast4: string };
  certificate: { serialHex: string; notAfter: string };
  files: { root: string; intermediate: string; citizen: string; rootCrl: string; intermediateCrl: string };
};

export const testCardScript = join(repoRoot, 'examples/test-card/make-test-card.mjs');

/** A test PKI and SoftHSM2 card made by the example script, the way a developer makes one. */
export async function makeTestCard(variant: string, { pin = '123456' } = {}): Promise<TestCardFolder> {
  const folder = join(mkdtempSync(join(tmpdir(), 'gcis-card-')), variant);
  const { stdout } = await execa('node', [testCardScript, folder, '--variant', variant, '--pin', pin, '--json']);
  return JSON.parse(stdout) as TestCardFolder;
}

/** OpenSC's PKCS#11 spy: logs every call the CLI makes to the module it wraps (PKCS11SPY). */
export const pkcs11Spy = ['/usr/lib/x86_64-linux-gnu/pkcs11-spy.so', '/usr/lib/aarch64-linux-gnu/pkcs11-spy.so', '/usr/lib/pkcs11-spy.so'].find(
  (path) => existsSync(path),
);
