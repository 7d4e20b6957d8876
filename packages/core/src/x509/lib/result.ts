import type { GcisErrorCode } from '../../errors.js';
import type { ParsedCert } from '../parseCertificate.js';

/** The codes verifyCertificatePath returns; each names one rule so callers and tests can branch on it. */
export type CertPathErrorCode = Extract<
  GcisErrorCode,
  | 'ERR_CERT_UNTRUSTED'
  | 'ERR_CERT_MALFORMED'
  | 'ERR_CERT_PATH'
  | 'ERR_CERT_SIGNATURE'
  | 'ERR_CERT_EXPIRED'
  | 'ERR_CERT_NOT_YET_VALID'
  | 'ERR_CERT_USAGE'
  | 'ERR_CERT_EXTENSION'
  | 'ERR_CERT_POLICY'
  | 'ERR_CERT_NAME_CONSTRAINTS'
  | 'ERR_CERT_REVOKED'
  | 'ERR_CRL_MISSING'
  | 'ERR_CRL_STALE'
  | 'ERR_CRL_INVALID'
  | 'ERR_CRL_MALFORMED'
  | 'ERR_CERT_PROFILE'
  | 'ERR_PATH_BUDGET'
>;

export type PathFailure = {
  ok: false;
  code: CertPathErrorCode;
  message: string;
  /** With ERR_CERT_PROFILE: which RFC 5280 §4 rule was broken, stable like the code. */
  rule?: ProfileRule;
};
/**
 * A valid path, leaf first, and the policies it is valid for (RFC 5280 §6.1.6's
 * valid_policy_tree, read as policy OIDs in the trust anchor's domain, i.e. before mappings):
 * the authority-constrained set, intersected with `policy.initialPolicySet` when one is given.
 * `['2.5.29.32.0']` (anyPolicy) when every certificate asserted anyPolicy; empty when the tree
 * is NULL and no explicit policy was required. `userNotices`: the explicitText of the user notices
 * the path attaches to those policies (§4.2.1.4), for the application to show.
 */
export type PathSuccess = { ok: true; path: ParsedCert[]; policies: string[]; userNotices: string[] };
export type PathResult = PathSuccess | PathFailure;

export const fail = (code: CertPathErrorCode, message: string): PathFailure => ({ ok: false, code, message });

/** The RFC 5280 §4 profile rules checked on every path (lib/profile/), each named once. */
export const profileRules = [
  'ca-basic-constraints',
  'ca-basic-constraints-critical',
  'end-entity-is-ca',
  'authority-key-identifier',
  'subject-key-identifier',
  'serial-number',
  'issuer-name-empty',
  'ca-subject-empty',
  'subject-alt-name',
  'extended-key-usage',
  'ca-key-usage',
  'ec-explicit-parameters',
  'key-size',
] as const;
export type ProfileRule = (typeof profileRules)[number];

/** How a certificate is named in messages: its subject, which is what an operator recognises. */
export const describe = (cert: ParsedCert): string => `"${cert.subject}"`;
