import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

const tracked = execFileSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
const texts = tracked.filter((path) => /\.(md|ts|mts|mjs|cjs|js|sh|yml)$/.test(path) && existsSync(join(repoRoot, path)));

describe('references in the repository', () => {
  it('link only to files that exist in it', () => {
    const broken: string[] = [];
    for (const path of texts.filter((p) => p.endsWith('.md'))) {
      for (const [, target] of readFileSync(join(repoRoot, path), 'utf8').matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
        if (!existsSync(join(repoRoot, dirname(path), target!))) broken.push(`${path} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('never send a reader to a design document that is not here', () => {
    const offenders = texts.filter((path) => path !== 'test/docs-links.test.ts' && /\bDESIGN\.md\b/.test(readFileSync(join(repoRoot, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
