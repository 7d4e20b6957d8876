import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRandomChain, generateTestKeyPair, toPem, type RandomChain, type TestKeyPair } from './testing/index.js';
import { verifyCertificatePath } from './index.js';

// Differential test: seeded random chains through verifyCertificatePath and `openssl verify
// -x509_strict -policy_check -crl_check_all`. Every disagreement is either fixed or listed
// below with the RFC text that decides it; a listed one that disappears fails the test too.
const seed = 20_250_601;
const count = 1000;
const run = promisify(execFile);

/**
 * OpenSSL 3.0 refuses every path on which explicit_policy reaches 0 (from -explicit_policy or a
 * CA's requireExplicitPolicy) unless -policy names a user-initial-policy-set: with the default
 * any-policy set its "user policies" list is empty, and it reports error 43 "no explicit policy"
 * although the valid_policy_tree is not NULL.
 */
const explicitPolicyWithAnyPolicyInput =
  'RFC 5280 §6.1.1 (c): the user-initial-policy-set "contains the special value any-policy if the user is not concerned about certificate policy"; ' +
  '§6.1.5 (g)(ii): "If the user-initial-policy-set is any-policy, the intersection is the entire valid_policy_tree"; ' +
  '§6.1.6: "If either (1) the value of explicit_policy variable is greater than zero or (2) the valid_policy_tree is not NULL, then path processing has succeeded."';

/** OpenSSL takes a CRL without nextUpdate as current; here it is never fresh, so the path is refused (fail closed). */
const crlWithoutNextUpdate =
  'RFC 5280 §5.1.2.5: "Conforming CRL issuers MUST include the nextUpdate time in all CRLs"; without it §6.3.3 (a) cannot tell a current CRL from a stale one.';

/** OpenSSL ignores a missing cRLNumber; here such a CRL is not used, so the certificate it covers has no usable CRL. */
const crlWithoutNumber =
  'RFC 5280 §5.2.3: "CRL issuers conforming to this profile MUST include this extension in all CRLs and MUST mark this extension as non-critical."';

/** Case index → what this module answers and the RFC text that decides it (OpenSSL answers the opposite). */
const allowed: Record<number, { ours: string; rfc: string }> = Object.fromEntries([
  ...[29, 38, 236, 267, 324, 429, 564, 670, 853, 893, 904, 926, 940, 974].map((index) => [index, { ours: 'ok', rfc: explicitPolicyWithAnyPolicyInput }]),
  ...[293, 341, 412, 439, 617, 657, 665, 736, 762, 807, 845].map((index) => [index, { ours: 'ERR_CRL_STALE', rfc: crlWithoutNextUpdate }]),
  ...[261, 418, 457, 632, 687, 793, 947].map((index) => [index, { ours: 'ERR_CRL_INVALID', rfc: crlWithoutNumber }]),
]);

type Verdict = { ok: boolean; detail: string };
let keys: TestKeyPair[];
let folder: string;

beforeAll(async () => {
  keys = Array.from({ length: 8 }, () => generateTestKeyPair('ec-p256'));
  folder = await mkdtemp(join(tmpdir(), 'gcis-differential-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

function ours(chain: RandomChain): Verdict {
  const result = verifyCertificatePath({
    leaf: chain.leaf,
    intermediates: chain.intermediates,
    trustAnchors: [chain.anchor],
    crls: chain.crls,
    at: chain.at,
    revocation: 'require',
    // openssl verify checks no leaf keyUsage without -purpose.
    requiredLeafKeyUsage: [],
    policy: chain.policy,
  });
  return result.ok ? { ok: true, detail: 'ok' } : { ok: false, detail: result.code };
}

async function openssl(chain: RandomChain): Promise<Verdict> {
  const file = async (name: string, text: string) => {
    const path = join(folder, `${chain.index}-${name}.pem`);
    await writeFile(path, text);
    return path;
  };
  const { policy } = chain;
  const args = [
    'verify', '-x509_strict', '-policy_check', '-crl_check_all',
    '-attime', String(chain.at.getTime() / 1000),
    ...(policy.initialPolicySet ?? []).flatMap((oid) => ['-policy', oid]),
    ...(policy.explicitPolicy ? ['-explicit_policy'] : []),
    ...(policy.inhibitPolicyMapping ? ['-inhibit_map'] : []),
    ...(policy.inhibitAnyPolicy ? ['-inhibit_any'] : []),
    '-CAfile', await file('anchor', toPem('CERTIFICATE', chain.anchor)),
    ...(chain.intermediates.length > 0 ? ['-untrusted', await file('untrusted', chain.intermediates.map((der) => toPem('CERTIFICATE', der)).join(''))] : []),
    ...(chain.crls.length > 0 ? ['-CRLfile', await file('crls', chain.crls.map((der) => toPem('X509 CRL', der)).join(''))] : []),
    await file('leaf', toPem('CERTIFICATE', chain.leaf)),
  ];
  try {
    await run('openssl', args);
    return { ok: true, detail: 'ok' };
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    return { ok: false, detail: /error \d+ at \d+ depth lookup: [^\n]*/.exec(output)?.[0] ?? output.trim().split('\n').pop() ?? 'failed' };
  }
}

/** Runs `tasks` with at most `limit` at once, keeping their order. */
async function bounded<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('differential test against openssl verify', () => {
  it(`agrees on ${count} seeded chains but for the listed disagreements`, async () => {
    const chains = Array.from({ length: count }, (_, index) => buildRandomChain(seed, index, keys));
    const mine = chains.map(ours);
    const theirs = await bounded(chains.map((chain) => () => openssl(chain)), Math.max(2, availableParallelism() * 2));
    const disagreements = chains
      .filter((chain) => mine[chain.index]!.ok !== theirs[chain.index]!.ok)
      .map((chain) => ({ index: chain.index, ours: mine[chain.index]!.detail, openssl: theirs[chain.index]!.detail, features: chain.features.join(' ') }));
    // Both outcomes are well represented, so agreement is not agreement on one answer.
    const accepted = mine.filter((verdict) => verdict.ok).length;
    expect(accepted).toBeGreaterThan(count * 0.25);
    expect(count - accepted).toBeGreaterThan(count * 0.25);
    const unexpected = disagreements.filter((d) => allowed[d.index]?.ours !== d.ours);
    const vanished = Object.keys(allowed).map(Number).filter((index) => !disagreements.some((d) => d.index === index));
    expect({ unexpected, vanished }).toEqual({ unexpected: [], vanished: [] });
  }, 240_000);

  it('rebuilds any case alone from the seed and its index', () => {
    const again = buildRandomChain(seed, 429, keys);
    expect(again.features).toEqual(buildRandomChain(seed, 429, keys).features);
    expect(again.features).toEqual(['leaf:policies=P1', 'input:explicit']);
    expect(again.intermediates).toHaveLength(0);
  });
});
