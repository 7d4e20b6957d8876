import { inject } from 'vitest';
import { createDatabaseAt } from './testPostgres.js';

/**
 * A fresh, migrated PostgreSQL database on the test run's cluster (started by postgresGlobalSetup.ts,
 * the globalSetup of the vitest project `postgres`); its URL.
 */
export function createTestDatabase(): Promise<string> {
  const url = inject('postgresUrl');
  if (!url) throw new Error('no PostgreSQL for this test: run it in the vitest project "postgres", whose globalSetup starts one');
  return createDatabaseAt(url, undefined, inject('postgresTemplate'));
}
