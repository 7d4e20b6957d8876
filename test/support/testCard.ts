import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { expectOk, type RunningServer } from './gcisServer.js';
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

/**
 * What the operator runs for each card (examples/test-card/README.md): trust its CAs, load the
 * CRLs, bind it to alice. `bind-cert` validates the certificate, so only the valid card is bound:
 * the server checks the signature and path before it looks for an account.
 */
export async function installCard(admin: RunningServer['admin'], card: TestCardFolder) {
  const { root, intermediate, rootCrl, intermediateCrl, citizen } = card.files;
  await expectOk(admin(['trust', 'add', root]));
  await expectOk(admin(['trust', 'add', intermediate]));
  // The other-root card's root CRL is signed by the root nobody trusts: the server refuses it.
  if (card.variant !== 'other-root') await expectOk(admin(['crl', 'add', rootCrl]));
  await expectOk(admin(['crl', 'add', intermediateCrl]));
  if (card.variant === 'valid') await expectOk(admin(['account', 'bind-cert', 'alice', citizen]));
}
