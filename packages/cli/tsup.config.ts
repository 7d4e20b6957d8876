import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts', 'src/index.ts'],
  format: 'esm',
  target: 'node20',
  clean: true,
  splitting: true,
  banner: { js: '#!/usr/bin/env node' },
});
