import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';

const clockFile = join(mkdtempSync(join(tmpdir(), 'gcis-clock-')), 'now');
const start = new Date('2026-11-27T02:00:00Z');
const setClock = (at: Date) => writeFileSync(clockFile, at.toISOString());

/** The `purged` counts of every housekeeping line in a pino log, summed per table. */
function purgedSoFar(log: string): { runs: number; totals: Record<string, number> } {
  const runs = log
    .split('\n')
    .filter((line) => line.includes('"msg":"housekeeping"'))
    .map((line) => (JSON.parse(line) as { purged: Record<string, number> }).purged);
  const totals: Record<string, number> = {};
  for (const purged of runs) for (const [table, count] of Object.entries(purged)) totals[table] = (totals[table] ?? 0) + count;
  return { runs: runs.length, totals };
}

describe('housekeeping in a running gcis-server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    setClock(start);
    server = await startGcisServer(
      { mode: 'test', housekeeping: { intervalSeconds: 1, pushRetentionSeconds: 3600 } },
      { GCIS_SERVER_TEST_CLOCK: clockFile },
      { startArgs: ['--log-level', 'info'] },
    );
  });
  afterAll(() => server.stop());

  it('purges at start and then periodically, logging one line of counts per run and nothing secret', async () => {
    const first = purgedSoFar(await server.waitForLog((log) => purgedSoFar(log).runs >= 1));
    expect(first.totals).toEqual({
      sessions: 0,
      captchas: 0,
      certificateChallenges: 0,
      pushTransactions: 0,
      pushSignedResponses: 0,
      oneDayPasswords: 0,
      throttle: 0,
    });

    const call = (method: string, path: string, { body, token }: { body?: unknown; token?: string } = {}) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const login = async (offsetSeconds: number) => {
      const code = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date(start.getTime() + offsetSeconds * 1000) });
      const response = await call('POST', '/v1/login/totp', { body: { account: 'alice', password: demoPassword, code } });
      return ((await response.json()) as { token: string }).token;
    };
    const captchaIds: string[] = [];
    for (let i = 0; i < 3; i++) captchaIds.push(((await (await call('POST', '/v1/captcha')).json()) as { id: string }).id);
    const live = await login(0);
    const loggedOut = await login(30);
    expect((await call('DELETE', '/v1/session', { token: loggedOut })).status).toBe(200);

    // The revoked session goes at the next run; the captchas once the clock passes their expiry.
    await server.waitForLog((log) => purgedSoFar(log).totals.sessions === 1);
    expect((await call('GET', '/v1/session', { token: live })).status).toBe(200);
    setClock(new Date(start.getTime() + 86_400_000));
    const log = await server.waitForLog((text) => purgedSoFar(text).totals.captchas === 3 && purgedSoFar(text).totals.sessions === 2);
    expect(purgedSoFar(log).totals).toMatchObject({ sessions: 2, captchas: 3, throttle: 0 });
    for (const secret of [live, loggedOut, ...captchaIds]) expect(log).not.toContain(secret);
  }, 60_000);
});
