import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from './testPostgres.js';

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startTestPostgres', () => {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(async () => {
    await cluster?.remove();
  });

  it('gives each caller a fresh empty database behind a password-protected loopback URL', async () => {
    const [first, second] = await Promise.all([cluster.createDatabase(), cluster.createDatabase()]);
    expect(first).not.toBe(second);
    const parsed = new URL(first);
    expect(parsed.hostname).toBe('127.0.0.1');
    expect(Number(parsed.port)).toBe(cluster.port);
    expect(parsed.password).not.toBe('');

    await query(first, 'CREATE TABLE t (x int)');
    const tables = await query(second, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables[0].n).toBe(0);
  });

  it('refuses a wrong password', async () => {
    const wrong = new URL(cluster.url);
    wrong.password = 'not-the-password';
    await expect(query(wrong.href, 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
  });

  it('keeps the data across stop and start on the same port', async () => {
    const url = await cluster.createDatabase();
    await query(url, 'CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
    await cluster.stop();
    await expect(query(url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await cluster.start();
    expect(await query(url, 'SELECT x FROM kept')).toEqual([{ x: 7 }]);
  });

  it('comes back after the postmaster is killed, cutting off connected clients', async () => {
    const url = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const lost = new Promise((resolve) => client.on('error', resolve));
    await cluster.kill();
    await lost;
    await client.end().catch(() => undefined);
    await cluster.start();
    expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('removes the whole folder', async () => {
    const other = await startTestPostgres();
    await other.remove();
    expect(existsSync(other.dir)).toBe(false);
    await expect(query(other.url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
