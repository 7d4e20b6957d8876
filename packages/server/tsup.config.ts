import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts', 'src/index.ts'],
  format: 'esm',
  target: 'node20',
  clean: true,
  splitting: true,
  // Declarations for the library entry, so `import … from '@gcis/server'` type-checks.
  dts: { entry: { index: 'src/index.ts' } },
  banner: { js: '#!/usr/bin/env node' },
});
