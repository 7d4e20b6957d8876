import { inspect } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabaseAt } from '../../testing/testPostgres.js';
import { createTestDatabase } from '../../testing/testDatabase.js';
import { inject } from 'vitest';
import { openPostgresStore } from './openPostgresStore.js';
import { migrations } from './migrations.js';

const password = (url: string) => decodeURIComponent(new URL(url).password);

async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('openPostgresStore', () => {
  it('names the URL without its password when nothing listens there', async () => {
    const url = `postgres://gcis:never-shown-1@127.0.0.1:${await closedPort()}/gcis`;
    const error = await openPostgresStore(url, { connectTimeoutMs: 2000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
    expect((error as Error).message).toContain(url.replace('never-shown-1', '***'));
    expect(inspect(error, { depth: 8 })).not.toContain('never-shown-1');
  });

  it('refuses a wrong password the same way, showing neither password', async () => {
    const good = new URL(await createTestDatabase());
    const wrong = new URL(good);
    wrong.password = 'never-shown-2';
    const error = await openPostgresStore(wrong.href).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', cause: { code: '28P01' } });
    const shown = inspect(error, { depth: 8 });
    expect(shown).not.toContain('never-shown-2');
    expect(shown).not.toContain(password(good.href));
    expect((error as Error).message).toContain(`${good.host}${good.pathname}`);
  });

  it('leaves no connection open when the server asks for a password the URL does not give', async () => {
    const withoutPassword = new URL(await createTestDatabase());
    withoutPassword.password = '';
    const sockets = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
    const before = sockets();
    const error = await openPostgresStore(withoutPassword.href, { connectTimeoutMs: 2000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
    // The server would hold a half-authenticated connection for its authentication_timeout (60 s).
    for (let waited = 0; sockets() > before && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets()).toBe(before);
  });

  it('says where it is without the password', async () => {
    const url = await createTestDatabase();
    const store = await openPostgresStore(url);
    try {
      expect(store.kind).toBe('postgres');
      expect(store.location).not.toContain(password(url));
      expect(store.location).toContain('***');
    } finally {
      await store.close();
    }
  });

  it('migrates an empty database once when five instances start on it at the same moment', async () => {
    const url = await createDatabaseAt(inject('postgresUrl'));
    const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore(url, { poolSize: 2 })));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      await client.end();
      expect(rows.map((row) => row.version)).toEqual(migrations.map((_, index) => index + 1));
      // every instance works on the one schema
      await stores[0]!.adminCredentials.add('h', '2026-11-27T00:00:00.000Z');
      expect(await stores[4]!.adminCredentials.has('h')).toBe(true);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    const reopened = await openPostgresStore(url);
    await reopened.close();
  });
});
