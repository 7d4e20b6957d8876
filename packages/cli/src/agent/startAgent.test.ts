import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPkcs11Signer, openPkcs11Session, type CardCertificate, type Pkcs11Session } from '@gcis/core/smartcard';
import { createTestCard, type TestCard } from '@gcis/core/smartcard/testing';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { makeAgentSocketPath } from './agentSocket.js';
import { openAgentSigner } from './openAgentSigner.js';
import { requestAgent } from './requestAgent.js';
import { startAgent, type AgentLimits, type RunningAgent } from './startAgent.js';

const run = promisify(execFile);
let card: TestCard;
let certificate: CardCertificate;
let session: Pkcs11Session;
let agent: RunningAgent | undefined;
let now: number;
const clock = { now: () => new Date(now) };
const limits: AgentLimits = { lifetimeSeconds: 900, idleSeconds: 300, maxSignatures: 100 };

beforeEach(async () => {
  card = await createTestCard();
  Object.assign(process.env, card.env);
  const signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  certificate = (await signer.listCertificates()).find((entry) => entry.keyId === '01')!;
  await signer.close();
  session = await openPkcs11Session({ certificate, pin: card.pin, modulePath: card.modulePath, env: {} });
  now = Date.parse('2026-11-27T02:00:00Z');
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await card.destroy();
});

const start = async (overrides: Partial<AgentLimits> = {}) => {
  agent = await startAgent({ session, socketPath: await makeAgentSocketPath({}), limits: { ...limits, ...overrides }, clock, pollIntervalMs: 10 });
  return agent;
};
const sign = (path: string, text = 'attributes') => openAgentSigner(path).sign({ certificate, data: Buffer.from(text), pin: '' });

describe('gcis agent', () => {
  it('serves its certificate and signatures on a 0600 socket in a 0700 folder', async () => {
    const { socketPath } = await start();
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(socketPath)).mode & 0o777).toBe(0o700);
    const [listed] = await openAgentSigner(socketPath).listCertificates();
    expect(Buffer.from(listed!.certificate).equals(Buffer.from(certificate.certificate))).toBe(true);
    const signatures = await Promise.all(Array.from({ length: 5 }, (_, index) => sign(socketPath, `d${index}`)));
    expect(new Set(signatures.map((signature) => Buffer.from(signature).toString('hex'))).size).toBe(5);
  });

  it('ends after its signature count, even when more requests arrive at once', async () => {
    const { socketPath, ended } = await start({ maxSignatures: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => sign(socketPath)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    expect(await ended).toBe('count');
    expect(existsSync(dirname(socketPath))).toBe(false);
    expect(await errorCodeOf(sign(socketPath))).toBe('ERR_AGENT');
  });

  it('ends when idle too long, and a signature resets the idle time', async () => {
    const { socketPath, ended } = await start({ idleSeconds: 60 });
    now += 59_000;
    await sign(socketPath);
    now += 59_000;
    await sign(socketPath);
    now += 60_000;
    expect(await ended).toBe('idle');
  });

  it('ends at its lifetime however busy it is, refusing the request that finds it over', async () => {
    const { socketPath, ended } = await start({ lifetimeSeconds: 120, idleSeconds: 100 });
    now += 90_000;
    await sign(socketPath);
    now += 30_000;
    expect(await errorCodeOf(sign(socketPath))).toBe('ERR_AGENT');
    expect(await ended).toBe('lifetime');
  });

  it('ends when the card leaves the reader', async () => {
    const { ended } = await start();
    await run('softhsm2-util', ['--delete-token', '--token', card.label], { env: { ...process.env, ...card.env } });
    expect(await ended).toBe('card-removed');
  });

  it('stops on request', async () => {
    const { socketPath, ended } = await start();
    await requestAgent(socketPath, { op: 'stop' });
    expect(await ended).toBe('stopped');
  });

  it('refuses a request line longer than the limit and a request that is not JSON', async () => {
    const { socketPath } = await start();
    const { createConnection } = await import('node:net');
    const reply = (payload: string) =>
      new Promise<string>((resolve) => {
        const socket = createConnection(socketPath);
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        socket.end(payload);
      });
    expect(JSON.parse(await reply('x'.repeat(70_000)))).toMatchObject({ ok: false, code: 'ERR_INVALID_INPUT' });
    expect(JSON.parse(await reply('{not json\n'))).toMatchObject({ ok: false, code: 'ERR_USAGE' });
  });

  it('cannot be reached by another user: the folder, and the socket by itself, refuse them', async () => {
    const { socketPath } = await start();
    const client = join(await mkdtemp(join(tmpdir(), 'gcis-other-user-')), 'client.cjs');
    await writeFile(
      client,
      `const s = require('node:net').createConnection(process.argv[2]);
       s.on('connect', () => { s.write('{"op":"sign","data":"AA=="}\\n'); });
       s.on('data', (d) => { process.stdout.write('CONNECTED ' + d); process.exit(0); });
       s.on('error', (e) => { process.stdout.write(e.code); process.exit(0); });`,
    );
    await chmod(dirname(client), 0o755);
    await chmod(client, 0o644);
    const asNobody = async () => (await run('runuser', ['-u', 'nobody', '--', process.execPath, client, socketPath])).stdout;
    expect(await asNobody()).toBe('EACCES');
    // With the folder opened up, the socket's own 0600 still keeps them out.
    await chmod(dirname(socketPath), 0o711);
    expect(await asNobody()).toBe('EACCES');
    // …and then this user's own clients refuse the folder as unsafe.
    expect(await errorCodeOf(sign(socketPath))).toBe('ERR_AGENT_UNSAFE');
  });
});
