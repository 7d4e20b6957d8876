import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const core = fileURLToPath(new URL('./packages/core/src', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@gcis\/core$/, replacement: `${core}/index.ts` },
      { find: /^@gcis\/core\/(errors|ports)$/, replacement: `${core}/$1.ts` },
      { find: /^@gcis\/core\/(.*)$/, replacement: `${core}/$1/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
