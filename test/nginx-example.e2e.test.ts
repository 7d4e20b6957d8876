import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { demoPassword, firstLine, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { repoRoot, serverBin } from './support/paths.js';

// examples/nginx/gcis.conf as shipped — only its ports changed — in front of two real gcis-server
// processes on one data folder, with a real nginx (Debian package `nginx`). Clients connect to nginx
// from two loopback addresses, 127.0.0.1 and 127.0.0.2 (Linux routes all of 127/8 to lo).

type Answer = { status: number; body: Record<string, any> };

/** An HTTP request to nginx from the given local address, with any headers (a spoofed X-Forwarded-For among them). */
function send(url: string, method: string, path: string, { body, headers = {}, from = '127.0.0.1' }: { body?: unknown; headers?: Record<string, string>; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const contentHeaders = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) };
    const sent = request(new URL(path, url), { method, localAddress: from, agent: false, headers: { ...contentHeaders, ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: /^application\/json/.test(response.headers['content-type'] ?? '') ? JSON.parse(text) : { text } }));
    });
    sent.on('error', reject);
    sent.end(payload);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('examples/nginx: two gcis-server instances behind nginx', () => {
  let first: RunningServer;
  let second: ResultPromise;
  let secondUrl: string;
  let nginx: ResultPromise;
  let url: string;

  beforeAll(async () => {
    const config = { trustProxy: ['127.0.0.1'], captchaPolicy: 'off' as const, lockAfterFailures: 3 };
    first = await startGcisServer(config, {}, { startArgs: ['--log-level', 'info'] });
    second = execa('node', [serverBin, 'start', '--data', first.dataDir, '--listen', '127.0.0.1:0', '--log-level', 'info'], { reject: false });
    secondUrl = await firstLine(second);

    const work = mkdtempSync(join(tmpdir(), 'gcis-nginx-'));
    const port = await freePort();
    const example = readFileSync(join(repoRoot, 'examples/nginx/gcis.conf'), 'utf8');
    const site = example
      .replace('server 127.0.0.1:8471 ', `server ${new URL(first.url).host} `)
      .replace('server 127.0.0.1:8472 ', `server ${new URL(secondUrl).host} `)
      .replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
    expect(site.match(/server 127\.0\.0\.1:847[12] |listen 8080;/g)).toBeNull();
    writeFileSync(join(work, 'gcis.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${join(work, kind)};`).join(' ');
    writeFileSync(
      join(work, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${join(work, 'nginx.pid')}; error_log ${join(work, 'error.log')};
       events {} http { access_log off; ${temp} include ${join(work, 'gcis.conf')}; }`,
    );
    await execa('nginx', ['-t', '-p', work, '-c', join(work, 'nginx.conf'), '-e', join(work, 'error.log')]);
    nginx = execa('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-e', join(work, 'error.log')], { reject: false });
    url = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      const ready = await send(url, 'GET', '/healthz').catch(() => undefined);
      if (ready?.status === 200) break;
      if (tries > 100) throw new Error('nginx did not answer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    second?.kill('SIGTERM');
    await Promise.all([nginx, second, first?.stop()]);
  });

  let secondText = '';
  beforeAll(() => void second.stderr!.on('data', (chunk: Buffer) => (secondText += chunk.toString())));
  const secondLines = () => secondText.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);

  /** The sources both instances have logged password logins under, once there are `count` of them (logs arrive a little after the answers). */
  async function loggedSources(count: number): Promise<unknown[]> {
    for (let waited = 0; ; waited += 50) {
      const sources = [...first.logLines(), ...secondLines()].filter((line) => line.event === 'password-login').map((line) => line.source);
      if (sources.length >= count || waited > 10_000) return sources.sort();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('counts a client that spoofs X-Forwarded-For by its own address and locks it, not the address it names', async () => {
    const wrong = { account: 'alice', password: `not ${demoPassword}`, code: '000000' };
    for (let n = 0; n < 4; n++) {
      const answer = await send(url, 'POST', '/v1/login/totp', { body: wrong, headers: { 'x-forwarded-for': `198.51.100.${n}` } });
      expect(answer.body.error.code).toBe('ERR_LOGIN_FAILED');
    }
    expect(await loggedSources(4)).toEqual(Array(4).fill('127.0.0.1'));

    const code = generateTotp({ secret: decodeTotpSecret(first.secret), now: new Date() });
    const right = { account: 'alice', password: demoPassword, code };
    const spoofing = await send(url, 'POST', '/v1/login/totp', { body: right, headers: { 'x-forwarded-for': '127.0.0.2' } });
    expect(spoofing.body.error.code).toBe('ERR_LOGIN_FAILED'); // still locked: naming another client does not help
    const other = await send(url, 'POST', '/v1/login/totp', { body: right, from: '127.0.0.2' });
    expect(other.status).toBe(200);
    expect(await loggedSources(6)).toEqual([...Array(5).fill('127.0.0.1'), '127.0.0.2']);
    const servedBy = (lines: Array<Record<string, unknown>>) => lines.filter((line) => line.event === 'password-login').length;
    expect([servedBy(first.logLines()), servedBy(secondLines())]).toEqual([3, 3]); // nginx took turns

    // The session is one both instances know: every check through nginx, whichever instance answers, accepts it.
    const checks = await Promise.all(Array.from({ length: 20 }, () => send(url, 'GET', '/v1/session', { headers: { authorization: `Bearer ${other.body.token}` } })));
    expect(checks.map((check) => check.status)).toEqual(Array(20).fill(200));
  }, 60_000);

  it('keeps serving through the other instance when one stops', async () => {
    second.kill('SIGTERM');
    await second;
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(url, 'GET', '/healthz')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
  }, 30_000);
});
