import { afterAll } from 'vitest';
import type { ServerData } from '../dataDir.js';
import { openPostgresStore } from '../store/postgres/openPostgresStore.js';
import { createTestDatabase } from './testDatabase.js';

/** Which store test servers use: GCIS_TEST_STORE=postgres (the vitest project `postgres`) or SQLite. */
export const testStoreKind = process.env.GCIS_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const opened: ServerData['store'][] = [];
// Closed when the test file is done, so the cluster's connections do not pile up over a run.
if (testStoreKind === 'postgres') afterAll(async () => void (await Promise.all(opened.splice(0).map((store) => store.close()))));

/**
 * Puts a test server's data on the store the run asks for: keeps the SQLite file of its data
 * folder, or swaps it for a fresh PostgreSQL database on the run's cluster — or for the database at
 * `databaseUrl`, whose store the caller closes.
 */
export async function useTestStore(data: ServerData, databaseUrl?: string): Promise<void> {
  if (testStoreKind === 'sqlite' && !databaseUrl) return;
  await data.store.close();
  // A small pool, as many test servers share the cluster; enough for the concurrency tests.
  data.store = await openPostgresStore(databaseUrl ?? (await createTestDatabase()), { poolSize: 5 });
  if (!databaseUrl) opened.push(data.store);
}
