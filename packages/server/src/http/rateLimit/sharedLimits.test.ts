import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoRandom, fixedClock } from '@gcis/core';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createContext } from '../../createContext.js';
import { initDataDir, openDataDir } from '../../dataDir.js';
import { memoryRateCounts } from './memoryRateCounts.js';
import type { SyncedRateCounter } from './syncedRateCounter.js';

/** Two server apps on one data folder whose store shares rate counts, as two instances on one PostgreSQL database would. */
async function twoInstances() {
  const dir = join(mkdtempSync(join(tmpdir(), 'gcis-shared-limits-')), 'data');
  initDataDir(dir, cryptoRandom);
  const rateCounts = memoryRateCounts();
  return Promise.all(
    [1, 2].map(async () => {
      const data = await openDataDir(dir, {});
      data.config.rateLimit = { max: 3, windowSeconds: 60 };
      data.store.rateCounts = rateCounts;
      const context = await createContext(data, { clock: fixedClock('2026-11-27T02:00:10Z') });
      const app = await buildApp(context);
      const captcha = async () => {
        const response = await app.inject({ method: 'POST', url: '/v1/captcha', payload: {} });
        return response.statusCode === 200 ? 'ok' : response.json().error.code;
      };
      return { captcha, sync: () => (context.rateCounter as SyncedRateCounter).sync(), close: () => app.close() };
    }),
  );
}

describe('rate limits across instances', () => {
  it('count one address on both instances once their counts are synced', async () => {
    const [a, b] = await twoInstances();
    expect([await a!.captcha(), await a!.captcha(), await a!.captcha(), await a!.captcha()]).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
    await a!.sync();
    expect(await b!.captcha()).toBe('ok'); // b has not sent anything yet: it knows only its own
    await b!.sync();
    expect(await b!.captcha()).toBe('ERR_RATE_LIMITED'); // now it knows a's four too
    await Promise.all([a!.close(), b!.close()]);
  });
});
