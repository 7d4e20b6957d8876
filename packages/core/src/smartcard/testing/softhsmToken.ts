import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** SoftHSM2's module where Debian / Ubuntu install it. */
export const softHsmModulePaths = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];

/**
 * A SoftHSM2 instance of its own: a temporary token directory and a SOFTHSM2_CONF pointing at it.
 *
 * SoftHSM reads SOFTHSM2_CONF from the environment at every C_Initialize. Give `env` to child
 * processes (`{ ...process.env, ...softHsm.env }`); in the test process itself, assign it to
 * `process.env` before using a signer on it.
 */
export type SoftHsm = {
  modulePath: string;
  env: { SOFTHSM2_CONF: string };
  directory: string;
  destroy(): Promise<void>;
};

/** A key pair to import: the CKA_ID (hex) shared by the private key and its certificate. */
export type SoftHsmKey = { id: string; label?: string; certificateDer: Uint8Array; privateKeyPkcs8Der: Uint8Array };

export type SoftHsmToken = SoftHsm & { label: string; pin: string; soPin: string; slotId: string; tokenSerial: string };

/** A SoftHSM2 with no initialised token: to PKCS#11 callers, a reader with no card in it. */
export async function createSoftHsm({ modulePath }: { modulePath?: string } = {}): Promise<SoftHsm> {
  const module = modulePath ?? softHsmModulePaths.find((path) => existsSync(path));
  if (!module) throw new Error(`SoftHSM2 is not installed (looked for ${softHsmModulePaths.join(', ')})`);
  const directory = await mkdtemp(join(tmpdir(), 'gcis-softhsm-'));
  await mkdir(join(directory, 'tokens'));
  const conf = join(directory, 'softhsm2.conf');
  await writeFile(conf, `directories.tokendir = ${join(directory, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  return {
    modulePath: module,
    env: { SOFTHSM2_CONF: conf },
    directory,
    destroy: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * A SoftHSM2 token holding `keys` — each a PKCS#8 private key and its certificate under one
 * CKA_ID, imported with OpenSC's pkcs11-tool the way a card is personalised. `keys: []` gives
 * an initialised token with nothing on it.
 */
export async function createSoftHsmToken({
  label,
  pin,
  soPin,
  keys,
  modulePath,
}: {
  label: string;
  pin: string;
  soPin: string;
  keys: readonly SoftHsmKey[];
  modulePath?: string;
}): Promise<SoftHsmToken> {
  const softHsm = await createSoftHsm({ modulePath });
  try {
    const env = { ...process.env, ...softHsm.env };
    const init = await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], { env });
    const slotId = /reassigned to slot (\d+)/.exec(init.stdout)?.[1];
    const serial = /Serial number:[ \t]*([0-9a-f]{16})/.exec((await run('softhsm2-util', ['--show-slots'], { env })).stdout)?.[1];
    if (!slotId || !serial) throw new Error(`Unexpected softhsm2-util output: ${init.stdout}`);
    for (const [index, key] of keys.entries()) {
      const tool = ['--module', softHsm.modulePath, '--token-label', label, '--login', '--pin', pin, '--id', key.id];
      const named = key.label === undefined ? [] : ['--label', key.label];
      const keyFile = join(softHsm.directory, `key-${index}.der`);
      const certificateFile = join(softHsm.directory, `cert-${index}.der`);
      await writeFile(keyFile, key.privateKeyPkcs8Der, { mode: 0o600 });
      await writeFile(certificateFile, key.certificateDer);
      await run('pkcs11-tool', [...tool, ...named, '--write-object', keyFile, '--type', 'privkey'], { env });
      await run('pkcs11-tool', [...tool, ...named, '--write-object', certificateFile, '--type', 'cert'], { env });
      await rm(keyFile);
    }
    return { ...softHsm, label, pin, soPin, slotId, tokenSerial: serial };
  } catch (error) {
    await softHsm.destroy();
    throw error;
  }
}
