import { readdirSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

// The built packages as an integrator meets them: resolved through package.json "exports" by Node.

const subpaths = ['errors', 'ports', 'id', 'password', 'totp', 'captcha', 'checkcode', 'session', 'api', 'client', 'smartcard', 'x509', 'push'];

/** Runs an ES module in a Node process inside the repository, where `@gcis/*` resolve to the built packages. */
async function runModule(source: string) {
  const { stdout } = await execa('node', ['--input-type=module', '-e', source], { cwd: repoRoot });
  return JSON.parse(stdout) as unknown;
}

describe('@gcis/core root', () => {
  it('re-exports every value of every public subpath, as the same object', async () => {
    // A name two subpaths both export is dropped from `export *` without a word: this catches it.
    const missing = await runModule(`
      import * as root from '@gcis/core';
      const missing = [];
      for (const sub of ${JSON.stringify(subpaths)}) {
        const mod = await import('@gcis/core/' + sub);
        for (const [name, value] of Object.entries(mod)) if (root[name] !== value) missing.push(sub + ':' + name);
      }
      console.log(JSON.stringify(missing));
    `);
    expect(missing).toEqual([]);
  });

  it('offers what an integrator reaches for first', async () => {
    const kinds = await runModule(`
      import * as root from '@gcis/core';
      const names = ['createClient', 'validateNationalId', 'verifyTotp', 'generateTotp', 'verifyCertificatePath', 'verifyLoginSignature', 'GcisError', 'isGcisError', 'systemClock'];
      console.log(JSON.stringify(names.map((name) => typeof root[name])));
    `);
    expect(kinds).toEqual(['function', 'function', 'function', 'function', 'function', 'function', 'function', 'function', 'object']);
  });

  it('keeps the testing helpers out of the root', async () => {
    const leaked = await runModule(`
      import * as root from '@gcis/core';
      const leaked = [];
      for (const sub of ['x509/testing', 'smartcard/testing']) {
        for (const name of Object.keys(await import('@gcis/core/' + sub))) if (name in root) leaked.push(name);
      }
      console.log(JSON.stringify(leaked));
    `);
    expect(leaked).toEqual([]);
  });
});

describe('gcis keeps its start-up lean', () => {
  it('never imports the @gcis/core root, which loads every protocol', () => {
    const dist = `${repoRoot}packages/cli/dist`;
    const files = readdirSync(dist).filter((name) => /\.(m?js)$/.test(name));
    expect(files.length).toBeGreaterThan(2);
    const offenders = files.filter((name) => /(from\s*|import\(|require\()\s*["']@gcis\/core["']/.test(readFileSync(`${dist}/${name}`, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('type declarations', () => {
  it('ship for every entry point of @gcis/core, @gcis/cli and @gcis/server', () => {
    const declared: string[] = [];
    for (const name of ['core', 'cli', 'server']) {
      const pkg = JSON.parse(readFileSync(`${repoRoot}packages/${name}/package.json`, 'utf8')) as { exports: Record<string, { types?: string }> };
      for (const [entry, target] of Object.entries(pkg.exports)) {
        expect(target.types, `${name} ${entry}`).toBeDefined();
        readFileSync(`${repoRoot}packages/${name}/${target.types}`);
        declared.push(`${name}${entry.slice(1)}`);
      }
    }
    expect(declared).toEqual(expect.arrayContaining(['core', 'core/x509', 'cli', 'server']));
  });
});
