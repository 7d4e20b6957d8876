import { defineConfig } from 'tsup';

export default defineConfig({
  // testing/testPostgres: the throwaway PostgreSQL cluster, for bench/ scripts (plain Node, no TypeScript loader)
  entry: ['src/bin.ts', 'src/index.ts', 'src/testing/testPostgres.ts'],
  format: 'esm',
  target: 'node20',
  clean: true,
  splitting: true,
  // Declarations for the library entry, so `import … from '@gcis/server'` type-checks.
  dts: { entry: { index: 'src/index.ts' } },
  banner: { js: '#!/usr/bin/env node' },
});
