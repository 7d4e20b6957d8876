import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './support/paths.js';
import { demoPassword, startGcisServer } from './support/gcisServer.js';

// Every ```ts block of the READMEs is compiled with tsc against the built packages, as an integrator
// would import them, then run. A block after `<!-- example: server -->` runs against a real
// gcis-server (GCIS_SERVER, GCIS_ACCOUNT, GCIS_PASSWORD, GCIS_TOTP_SECRET set); `<!-- example:
// server, logged in -->` also runs a real `gcis login` first. A block that throws or exits non-zero fails.

const readmes = ['README.md', 'packages/core/README.md', 'packages/cli/README.md', 'packages/server/README.md', 'examples/demo/README.md'];

type Example = { name: string; source: string; server: boolean; loggedIn: boolean };

function examplesIn(readme: string): Example[] {
  const text = readFileSync(join(repoRoot, readme), 'utf8');
  const slug = readme.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return [...text.matchAll(/(?:<!-- example: ([^>]*?) -->\s*\n)?```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `${slug}${index + 1}`,
    source: match[2]!,
    server: /\bserver\b/.test(match[1] ?? ''),
    loggedIn: /\blogged in\b/.test(match[1] ?? ''),
  }));
}

const examples = readmes.flatMap(examplesIn);
const project = mkdtempSync(join(tmpdir(), 'gcis-readme-'));

beforeAll(() => {
  // The repository's node_modules, where @gcis/* are the built workspace packages (dist/, exports).
  symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'out', skipLibCheck: false },
      include: ['src'],
    }),
  );
  mkdirSync(join(project, 'src'));
  for (const { name, source } of examples) writeFileSync(join(project, 'src', `${name}.ts`), source);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('README examples', () => {
  it('are there: a quick start per package', () => {
    const names = examples.map(({ name }) => name).join(' ');
    for (const readme of ['packages-core-readme-md', 'packages-cli-readme-md', 'packages-server-readme-md']) expect(names).toContain(readme);
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it('compile with tsc against the built packages and their declarations', async () => {
    const tsc = await execa('node', [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { reject: false });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.exitCode).toBe(0);
  }, 120_000);

  it.each(examples.map((example) => [example.name, example] as const))('%s runs', async (_, example) => {
    let env: Record<string, string> = {};
    const server = example.server ? await startGcisServer() : undefined;
    try {
      if (server) {
        env = { GCIS_SERVER: server.url, GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret, GCIS_CONFIG_DIR: join(project, `config-${example.name}`) };
        if (example.loggedIn) await execa('node', [cliBin, 'login', '--method', 'totp', '--non-interactive'], { env });
      }
      const run = await execa('node', [join(project, 'out', `${example.name}.js`)], { cwd: project, env, reject: false });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).not.toBe('');
    } finally {
      await server?.stop();
    }
  }, 60_000);
});
