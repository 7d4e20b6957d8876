import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openSqliteStore } from '../store/index.js';
import { createTestServer } from '../testing/testServer.js';

describe('GET /healthz', () => {
  it('answers 200 while the store answers', async () => {
    const server = await createTestServer();
    const response = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect([response.statusCode, response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('answers 503 ERR_STORE_UNAVAILABLE, not a 500, once the store cannot answer (here: a closed one; a stopped PostgreSQL in test/two-instances.e2e.test.ts)', async () => {
    const server = await createTestServer();
    const closed = openSqliteStore(join(server.dir, 'gcis.db'));
    await closed.close();
    const app = await buildApp({ ...server.context, store: closed });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect([response.statusCode, response.json().error.code]).toEqual([503, 'ERR_STORE_UNAVAILABLE']);
  });

  it('is not counted by the per-address rate limit (a load balancer asks often)', async () => {
    const server = await createTestServer({ rateLimit: { max: 2, windowSeconds: 60 } });
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});
