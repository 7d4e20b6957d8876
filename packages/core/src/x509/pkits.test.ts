import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCertificatePath, type VerifyCertificatePathOptions } from './index.js';

/**
 * NIST PKITS (Public Key Interoperability Test Suite, the 2011 edition of its §4 cases): every
 * case of testing/pkits/pkits.json through verifyCertificatePath, from the files beside it.
 * `expect` is 'ok' or the code a refusal must carry — one that names the rule PKITS tests.
 */
type PkitsCase = {
  id: string;
  name: string;
  cert: string;
  intermediates: string[];
  crls: string[];
  revocation: boolean;
  policy?: VerifyCertificatePathOptions['policy'];
  pathLength: number;
  expect: string;
};

const folder = new URL('./testing/pkits/', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, folder)));
const cases = JSON.parse(readFileSync(new URL('pkits.json', folder), 'utf8')) as PkitsCase[];
/** PKITS certificates are all valid on this day (see the suite's README). */
const at = new Date('2022-05-01T00:00:00Z');
const trustAnchor = read('certs/TrustAnchorRootCertificate.crt');
const trustAnchorCrl = read('crls/TrustAnchorRootCRL.crl');

function run(testCase: PkitsCase, overrides: Partial<VerifyCertificatePathOptions> = {}) {
  return verifyCertificatePath({
    leaf: read(`certs/${testCase.cert}`),
    intermediates: testCase.intermediates.map((name) => read(`certs/${name}`)),
    trustAnchors: [trustAnchor],
    crls: [trustAnchorCrl, ...testCase.crls.map((name) => read(`crls/${name}`))],
    at,
    revocation: testCase.revocation ? 'require' : 'skip',
    // PKITS leaves carry varied keyUsage; the suite tests path validation, not an application's needs.
    requiredLeafKeyUsage: [],
    ...(testCase.policy && { policy: testCase.policy }),
    // §4.1.4–4.1.6 are DSA with SHA-1, which only this option accepts.
    allowDsa: true,
    // §6.1 does not need a CA's basicConstraints critical (a §4.2.1.9 profile MUST), and 4.6.4 expects such a path valid.
    skipProfileRules: ['ca-basic-constraints-critical'],
    ...overrides,
  });
}

describe('NIST PKITS', () => {
  it('has all 246 cases', () => {
    expect(cases).toHaveLength(246);
  });

  it.each(cases)('$id $name → $expect', (testCase) => {
    const result = run(testCase);
    expect(result.ok ? 'ok' : result.code).toBe(testCase.expect);
    if (result.ok) expect(result.path).toHaveLength(testCase.pathLength);
  });

  it('refuses the DSA paths (§4.1.4–4.1.5) unless allowDsa is set', () => {
    for (const name of ['valid_dsa_signatures_test4', 'valid_dsa_parameter_inheritance_test5']) {
      const result = run(cases.find((c) => c.name === name)!, { allowDsa: false });
      expect(result.ok ? 'ok' : result.code).toBe('ERR_CERT_SIGNATURE');
    }
  });

  type NoticeCase = { id: string; name: string; cert: string; other_certs?: string[]; crls?: string[]; notice: string; params?: { user_initial_policy_set?: string[] } };
  const notices = JSON.parse(readFileSync(new URL('pkits-user-notice.json', folder), 'utf8')) as NoticeCase[];

  it.each(notices)('$id $name shows the user notice PKITS expects (§4.2.1.4)', (notice) => {
    const testCase: PkitsCase = {
      id: notice.id,
      name: notice.name,
      cert: notice.cert,
      intermediates: notice.other_certs ?? [],
      crls: notice.crls ?? [],
      revocation: true,
      ...(notice.params?.user_initial_policy_set && { policy: { initialPolicySet: notice.params.user_initial_policy_set } }),
      pathLength: 0,
      expect: 'ok',
    };
    const result = run(testCase);
    expect(result.ok ? result.userNotices : result.code).toEqual([notice.notice]);
  });

  it('returns the valid policies (§6.1.6): the user-constrained set, or the authority-constrained one by default', () => {
    const byName = (name: string) => cases.find((c) => c.name === name)!;
    const policies = (name: string) => {
      const result = run(byName(name));
      return result.ok ? [...result.policies].sort() : result.code;
    };
    const nist = (n: number) => `2.16.840.1.101.3.2.1.48.${n}`;
    expect(policies('all_certs_same_policy_test1_norestr')).toEqual([nist(1)]);
    expect(policies('all_certificates_same_policies_test13')).toEqual([nist(1), nist(2), nist(3)]);
    expect(policies('all_certificates_same_policies_test13_with_testpol1_2')).toEqual([nist(1), nist(2)]);
    expect(policies('all_certificates_any_policy_test11')).toEqual(['2.5.29.32.0']);
    expect(policies('all_certificates_any_policy_test11_constrained')).toEqual([nist(1)]);
    expect(policies('all_certificates_no_policies_test2')).toEqual([]);
  });
});
