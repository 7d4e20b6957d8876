import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

type Catalogues = { catalogues: Record<'en' | 'zh-TW', Record<string, unknown>> };
// plain JavaScript beside the examples: loaded by path, as the examples load them
const load = async (path: string) => ((await import(join(repoRoot, path))) as Catalogues).catalogues;
const phone = await load('examples/phone-app/messages.mjs');
const demo = await load('examples/demo/messages.mjs');

const han = /[\u3400-\u9fff]/;
const shape = (catalogue: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(catalogue).flatMap(([key, value]) =>
      value && typeof value === 'object' ? Object.entries(shape(value as Record<string, unknown>)).map(([inner, kind]) => [`${key}.${inner}`, kind]) : [[key, typeof value]],
    ),
  );

describe.each([
  ['the phone simulator', phone],
  ['the demo', demo],
])('the messages of %s', (_name, catalogues) => {
  it('has every English message in zh-TW, of the same kind', () => {
    expect(shape(catalogues['zh-TW'])).toEqual(shape(catalogues.en));
  });
});

describe('the examples under LANG=zh_TW.UTF-8', () => {
  const env = (lang: string) => ({ PATH: process.env.PATH ?? '', LANG: lang });

  it('has the phone simulator refuse in zh-TW, with the same exit code as in English', async () => {
    const state = mkdtempSync(join(tmpdir(), 'gcis-phone-zh-'));
    const run = (lang: string) =>
      execa('node', [join(repoRoot, 'examples/phone-app/gcis-phone.mjs'), 'requests', '--state', state], { env: env(lang), extendEnv: false, reject: false });
    const [chinese, plain] = await Promise.all([run('zh_TW.UTF-8'), run('C')]);
    expect([chinese.exitCode, plain.exitCode]).toEqual([2, 2]);
    expect(chinese.stderr).toMatch(han);
    expect(plain.stderr).not.toMatch(han);
  });

  it('runs the demo with its steps, and the commands it runs, in zh-TW', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'gcis-demo-zh-'));
    const result = await execa('node', [join(repoRoot, 'examples/demo/run.mjs')], {
      env: { ...env('zh_TW.UTF-8'), GCIS_DEMO_DIR: demoDir },
      extendEnv: false,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const steps = String(result.stderr).split('\n').filter((line) => line.startsWith('▸'));
    expect(steps.length).toBeGreaterThan(4);
    for (const step of steps) expect(step).toMatch(han);
    expect(String(result.stdout)).toMatch(/^伺服器\s+http/m); // gcis status, run by the demo, in zh-TW too
  }, 90_000);
});
