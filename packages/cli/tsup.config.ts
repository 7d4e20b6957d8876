import { writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The program: every command, and the library entry. ES modules, named .mjs because dist/ is
    // a CommonJS folder (below).
    entry: { index: 'src/index.ts', main: 'src/main.mts' },
    format: 'esm',
    outExtension: () => ({ js: '.mjs' }),
    target: 'node20',
    clean: ['**/*.mjs', '**/*.d.mts'],
    splitting: true,
    // Declarations for the library entry, so `import … from '@gcis/cli'` type-checks; the build
    // script renames them .d.mts, as dist/ is a CommonJS folder.
    dts: { entry: { index: 'src/index.ts' } },
  },
  {
    // bin.js is CommonJS: Node 20 starts an ES module entry point up to 30 % slower than `node -e 0`,
    // which is all of `gcis token`'s startup budget. It answers `gcis token` itself and imports
    // main.mjs for everything else. dist/package.json makes Node read the .js file as CommonJS.
    entry: { bin: 'src/bin.ts' },
    format: 'cjs',
    outExtension: () => ({ js: '.js' }),
    target: 'node20',
    clean: ['bin.js', 'package.json'],
    external: ['./main.mjs'],
    // the locale detector and the error codes are a few lines of plain code: inlined, as CommonJS
    // cannot require core's ES modules on every Node 20
    noExternal: ['@gcis/core/i18n', '@gcis/core/errors'],
    banner: { js: '#!/usr/bin/env node' },
    onSuccess: async () => writeFileSync('dist/package.json', '{ "type": "commonjs" }\n'),
  },
]);
