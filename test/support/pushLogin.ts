import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { TestCard } from '@gcis/core/smartcard/testing';
import type { CliResult } from './gcisCli.js';
import { cliBin, repoRoot } from './paths.js';

export const phoneBin = `${repoRoot}examples/phone-app/gcis-phone.mjs`;

/** A phone-app simulator with its own state folder, whose binding signs with the SoftHSM test card. */
export function phoneUser(card: TestCard) {
  const state = mkdtempSync(join(tmpdir(), 'gcis-phone-'));
  const env = { ...card.env, GCIS_PKCS11_MODULE: card.modulePath, GCIS_PIN: card.pin, GCIS_PHONE_STATE: state, PATH: process.env.PATH ?? '' };
  const run = async (args: string[]) => {
    const result = await execa('node', [phoneBin, ...args], { env, extendEnv: false, reject: false, input: '' });
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) } satisfies CliResult;
  };
  return { state, run };
}

/** The card's CA certificates as PEM files, for `--fido-card-ca` and the phone's `--card-chain`. */
export function cardCaFiles(card: TestCard) {
  const dir = mkdtempSync(join(tmpdir(), 'gcis-card-ca-'));
  const root = join(dir, 'root.pem');
  const intermediate = join(dir, 'intermediate.pem');
  writeFileSync(root, card.rsa.root.pem);
  writeFileSync(intermediate, card.rsa.intermediate.pem);
  return { root, intermediate };
}

export type RunningLogin = {
  process: ResultPromise;
  /** The gcis config folder (token store) of this login. */
  configDir: string;
  /** Resolves to the match code once gcis has printed it. */
  matchCode: Promise<string>;
  result: Promise<CliResult>;
};

/** `gcis login --method push` as a background process without a terminal, its match code read off stderr. */
export function startPushLogin(server: string, nationalId: string, extraEnv: Record<string, string> = {}): RunningLogin {
  const configDir = mkdtempSync(join(tmpdir(), 'gcis-cli-'));
  const child = execa('node', [cliBin, 'login', '--method', 'push', '--id', nationalId], {
    env: { PATH: process.env.PATH ?? '', HOME: configDir, GCIS_CONFIG_DIR: configDir, GCIS_SERVER: server, ...extraEnv },
    extendEnv: false,
    reject: false,
    input: '',
  });
  const matchCode = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = /match code (\d{2})/.exec(text);
      if (found) resolve(found[1]!);
    });
    child.then((done) => reject(new Error(`gcis exited before showing a match code: ${String(done.stderr)}`)), reject);
  });
  matchCode.catch(() => undefined);
  const result = child.then((done) => ({ exitCode: done.exitCode ?? 1, stdout: String(done.stdout), stderr: String(done.stderr) }));
  return { process: child, configDir, matchCode, result };
}
