import type { TestProject } from 'vitest/node';
import { openPostgresStore } from '../store/postgres/openPostgresStore.js';
import { createDatabaseAt, startTestPostgres } from './testPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL (a role allowed to create databases) on the run's PostgreSQL cluster. */
    postgresUrl: string;
    /** A database migrated once, which createTestDatabase copies so each test skips the migrations. */
    postgresTemplate: string;
  }
}

/** vitest globalSetup of the `postgres` project: one throwaway cluster for the whole run, removed at the end. */
export default async function setup(project: TestProject) {
  const cluster = await startTestPostgres();
  try {
    const template = 'gcis_template';
    const store = await openPostgresStore(await createDatabaseAt(cluster.url, template));
    await store.close();
    project.provide('postgresUrl', cluster.url);
    project.provide('postgresTemplate', template);
  } catch (error) {
    await cluster.remove();
    throw error;
  }
  return () => cluster.remove();
}
