import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const core = fileURLToPath(new URL('./packages/core/src', import.meta.url));

/** Tests that need the run's PostgreSQL cluster: the store contract (both stores) and the PostgreSQL store's own. */
const postgresOnly = ['packages/server/src/store/contract/**/*.test.ts', 'packages/server/src/store/postgres/**/*.test.ts'];
/** The server's route and login tests, run a second time with every test server on PostgreSQL. */
const onBothStores = ['packages/server/src/routes/**/*.test.ts', 'packages/server/src/login/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@gcis\/core$/, replacement: `${core}/index.ts` },
      { find: /^@gcis\/core\/(errors|ports)$/, replacement: `${core}/$1.ts` },
      { find: /^@gcis\/core\/(.*)$/, replacement: `${core}/$1/index.ts` },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...postgresOnly],
        },
      },
      {
        extends: true,
        test: {
          // One throwaway cluster for the run (testing/testPostgres.ts); GCIS_TEST_STORE puts test servers on it.
          name: 'postgres',
          include: [...postgresOnly, ...onBothStores],
          env: { GCIS_TEST_STORE: 'postgres' },
          globalSetup: ['packages/server/src/testing/postgresGlobalSetup.ts'],
        },
      },
    ],
  },
});
