import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin } from './support/paths.js';
import { installCard, makeTestCard, pkcs11Spy, type TestCardFolder } from './support/testCard.js';
import { startInTmux } from './support/tmux.js';

// gcis sign / verify / agent end to end: a SoftHSM2 card made by examples/test-card, real gcis
// processes, OpenSSL as the independent verifier, and a real gcis-server for login through the agent.
const run = promisify(execFile);
const pin = '48151623';
let card: TestCardFolder;
let work: string;
let server: RunningServer;

beforeAll(async () => {
  card = await makeTestCard('valid', { pin });
  work = mkdtempSync(join(tmpdir(), 'gcis-sign-e2e-'));
  server = await startGcisServer({ captchaPolicy: 'off' }, {}, { beforeStart: (admin) => installCard(admin, card) });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

const user = (env: Record<string, string> = {}) => cliUser(server.url, { ...card.env, ...env });
let count = 0;
const documentFile = (text = `申請書 ${count}\n\x00binary\xff`) => {
  const file = join(work, `doc-${count++}.bin`);
  writeFileSync(file, Buffer.from(text, 'latin1'));
  return file;
};
const openssl = (args: string[]) => run('openssl', ['cms', '-verify', '-binary', ...args, '-CAfile', card.files.root.replace(/\.der$/, '.pem')], { encoding: 'buffer' });
const verifyArgs = () => ['--ca', card.files.root, '--crl', card.files.rootCrl, '--crl', card.files.intermediateCrl];
const chain = () => ['--chain', card.files.intermediate];

describe('gcis sign', () => {
  it('signs several files after one PIN typed at a terminal; openssl verifies each detached signature', async () => {
    const files = [documentFile(), documentFile(), documentFile()];
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-'));
    const terminal = startInTmux(['node', cliBin, 'sign', ...chain(), ...files], { ...card.env, GCIS_CONFIG_DIR: configDir, HOME: configDir });
    try {
      await terminal.waitFor(/PIN of card/);
      terminal.type(pin);
      terminal.send('Enter');
      expect(await terminal.exitCode(30_000)).toBe(0);
      expect(terminal.screen().match(/PIN of card/g)).toHaveLength(1);
      expect(terminal.screen()).not.toContain(pin);
    } finally {
      terminal.kill();
    }
    for (const file of files) {
      const { stdout } = await openssl(['-inform', 'DER', '-in', `${file}.p7s`, '-content', file]);
      expect(stdout.equals(readFileSync(file))).toBe(true);
    }
  });

  it('makes an attached PEM signature openssl reads alone', async () => {
    const file = documentFile();
    const out = join(work, 'attached.p7m');
    const signed = await user({ GCIS_PIN: pin }).run(['sign', '--attached', '--pem', '--out', out, ...chain(), file]);
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CMS-----/);
    const { stdout } = await openssl(['-inform', 'PEM', '-in', out]);
    expect(stdout.equals(readFileSync(file))).toBe(true);
  });

  it('tries a wrong PIN once (exit 4, ERR_PIN_INCORRECT) and writes no signature', async () => {
    expect(pkcs11Spy, 'OpenSC pkcs11-spy.so').toBeDefined();
    const spyLog = join(mkdtempSync(join(tmpdir(), 'gcis-spy-')), 'pkcs11.log');
    const files = [documentFile(), documentFile()];
    const spied = user({ GCIS_PKCS11_MODULE: pkcs11Spy!, PKCS11SPY: card.env.GCIS_PKCS11_MODULE, PKCS11SPY_OUTPUT: spyLog, GCIS_PIN: '99990000' });
    const result = await spied.run(['sign', ...files]);
    expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_PIN_INCORRECT']);
    expect(readFileSync(spyLog, 'utf8').match(/: C_Login\b/g)).toHaveLength(1);
    expect(files.some((file) => existsSync(`${file}.p7s`))).toBe(false);
    expect((await user({ GCIS_PIN: pin }).run(['sign', files[0]!])).exitCode).toBe(0); // the right PIN resets the counter
  });

  it('refuses usage errors before asking for the PIN', async () => {
    const result = await user().run(['sign', '--out', 'x.p7s', documentFile(), documentFile()]);
    expect([result.exitCode, errorCode(result)]).toEqual([2, 'ERR_USAGE']);
  });
});

describe('gcis verify', () => {
  let file: string;
  beforeAll(async () => {
    file = documentFile();
    const signed = await user({ GCIS_PIN: pin }).run(['sign', ...chain(), file]);
    expect(signed.exitCode, signed.stderr).toBe(0);
  });

  it('says who signed and when (exit 0)', async () => {
    const result = await user().run(['verify', `${file}.p7s`, '--content', file, ...verifyArgs(), '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: true,
      detached: true,
      signer: { name: card.identity.name, idLast4: card.identity.idLast4, serialHex: card.certificate.serialHex },
    });
  });

  it.each([
    ['a changed document', () => ['--content', documentFile('another text'), ...verifyArgs()], 'ERR_SIGNATURE_INVALID'],
    ['no CRL', () => ['--content', file, '--ca', card.files.root], 'ERR_CRL_MISSING'],
    ['no document for a detached signature', () => verifyArgs(), 'ERR_SIGNATURE_MALFORMED'],
  ])('refuses %s with exit 4 and the code', async (_, extra, code) => {
    const args = ['verify', `${file}.p7s`, ...extra()];
    const result = await user().run(args);
    expect([result.exitCode, errorCode(result)]).toEqual([4, code]);
    const json = await user().run([...args, '--json']);
    expect([json.exitCode, JSON.parse(json.stdout).code]).toEqual([4, code]);
  });

  it('refuses a signature chained to a root it was not told to trust', async () => {
    const other = await makeTestCard('other-root', { pin });
    try {
      const result = await user().run(['verify', `${file}.p7s`, '--content', file, '--ca', other.files.root, '--revocation', 'skip']);
      // Every test PKI names its root alike; the CA's AKI names another root key, so that root is not its issuer: untrusted.
      expect([result.exitCode, errorCode(result)]).toEqual([4, 'ERR_CERT_UNTRUSTED']);
    } finally {
      rmSync(dirname(other.folder), { recursive: true, force: true });
    }
  });
});

describe('gcis local-server', () => {
  it('lets gcis login and gcis sign --signer hipki work through it, as through the HiPKI component', async () => {
    const local = execa('node', [cliBin, 'local-server', '--port', '0'], { env: { PATH: process.env.PATH ?? '', ...card.env }, extendEnv: false, reject: false });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        local.stdout!.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('\n')) resolve(text.split('\n')[0]!);
        });
        void local.then((result) => reject(new Error(String(result.stderr))));
      });
      const login = await user({ GCIS_PIN: pin, GCIS_HIPKI_URL: url }).run(['login', '--method', 'cert', '--signer', 'hipki']);
      expect(login.exitCode, login.stderr).toBe(0);
      // gcis sign through it too: the card (behind the server) signs the CMS signed attributes.
      const file = documentFile();
      const signed = await user({ GCIS_PIN: pin, GCIS_HIPKI_URL: url }).run(['sign', '--signer', 'hipki', ...chain(), file]);
      expect(signed.exitCode, signed.stderr).toBe(0);
      await openssl(['-inform', 'DER', '-in', `${file}.p7s`, '-content', file]);
    } finally {
      local.kill('SIGINT');
    }
    const { stderr } = await local;
    const entries = String(stderr).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => [entry.caller, entry.func, entry.ret_code])).toContainEqual(['local program', 'MakeSignature', 0]);
    expect(String(stderr)).not.toContain(pin);
  });
});

describe('gcis agent', () => {
  const startAgent = async (args: string[] = []) => {
    const started = await user({ GCIS_PIN: pin }).run(['agent', ...args]);
    expect(started.exitCode, started.stderr).toBe(0);
    const socket = /^GCIS_AGENT_SOCK=([^;]+); export GCIS_AGENT_SOCK;/.exec(started.stdout)?.[1];
    expect(socket).toBeDefined();
    return socket!;
  };
  const waitGone = async (path: string) => {
    for (let tries = 0; existsSync(path); tries++) {
      if (tries > 150) throw new Error(`${path} still there`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('after one PIN signs files and logs in to the server without asking for it again, then stops', async () => {
    const socket = await startAgent();
    const agentUser = user({ GCIS_AGENT_SOCK: socket });
    const file = documentFile();
    const signed = await agentUser.run(['sign', ...chain(), file]);
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(signed.stderr).toMatch(/through gcis agent/);
    await openssl(['-inform', 'DER', '-in', `${file}.p7s`, '-content', file]);
    const login = await agentUser.run(['login', '--method', 'cert']);
    expect(login.exitCode, login.stderr).toBe(0);
    expect(JSON.parse((await agentUser.run(['status', '--json'])).stdout)).toMatchObject({ account: 'alice', method: 'certificate' });
    const stopped = await agentUser.run(['agent', 'stop']);
    expect([stopped.exitCode, stopped.stdout]).toEqual([0, 'unset GCIS_AGENT_SOCK;']);
    await waitGone(dirname(socket));
    const after = await agentUser.run(['sign', documentFile()]);
    expect([after.exitCode, errorCode(after)]).toEqual([1, 'ERR_AGENT']);
  });

  it('ends itself after its signature count', async () => {
    const socket = await startAgent(['--max-signatures', '2']);
    const agentUser = user({ GCIS_AGENT_SOCK: socket });
    const results = await Promise.all([1, 2, 3].map(() => agentUser.run(['sign', documentFile()])));
    expect(results.map((result) => result.exitCode).sort()).toEqual([0, 0, 1]);
    await waitGone(dirname(socket));
  });

  it('ends when the card leaves the reader', async () => {
    const socket = await startAgent();
    // Deleting the token is what pulling the card out looks like to SoftHSM2 (last test: the card is gone after it).
    await run('softhsm2-util', ['--delete-token', '--serial', card.tokenSerial], { env: { ...process.env, ...card.env } });
    await waitGone(dirname(socket));
  });
});
