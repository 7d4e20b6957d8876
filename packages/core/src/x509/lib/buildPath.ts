import type { ParsedCert } from '../parseCertificate.js';
import { nameKey, sameName } from './compareNames.js';
import { equalBytes } from './der.js';
import { describe, fail, type PathFailure } from './result.js';
import { outOfBudget, signatureChecker, type PathWork } from './pathWork.js';
import type { KeyBits, SignatureCheck } from './verifySignature.js';

export type PathLimits = {
  /** Depth limit: most certificates in a path, leaf and anchor included. */
  maxPathLength: number;
  /** Work limits: issuer candidates tried, and signatures actually verified (cached answers are free). */
  maxPathCandidates: number;
  maxSignatureChecks: number;
  minimumKeyBits: KeyBits;
  allowDsa: boolean;
  /** The work spent so far, shared by every path built in one verification (CRL signers' included). */
  work: PathWork;
};

export type PathSearch = PathLimits & { anchors: readonly ParsedCert[]; intermediates: readonly ParsedCert[] };

/** Validates a complete path (leaf first, anchor last): a failure, or what the caller keeps from a good one. */
export type PathCheck<T> = (path: ParsedCert[]) => PathFailure | T;
const isFailure = (value: unknown): value is PathFailure => (value as PathFailure).ok === false;

type Candidate = { cert: ParsedCert; isAnchor: boolean };
type Noted = { failure: PathFailure; depth: number; rank: number };

/**
 * Builds paths leaf → … → trust anchor (RFC 5280 §6.1, RFC 4158 §2–3) and hands each complete
 * one to `check`, returning the first that passes with what `check` made of it. Issuers chain by
 * name (issuer = subject under RFC 5280 §7.1 name matching) and must verify the child's
 * signature; among them, one whose subjectKeyIdentifier is the child's authorityKeyIdentifier
 * comes first, an anchor before an intermediate. A (subject, key) pair appears at most once per path, which
 * cuts cross-certificate loops and piles of same-name, same-key CAs (RFC 4158 §5.2). The work
 * is bounded: `maxPathLength` deep, `maxPathCandidates` issuers tried and `maxSignatureChecks`
 * signatures verified; past either budget the answer is ERR_PATH_BUDGET.
 * With no good path, the failure reported is the first complete path's, else the one met
 * deepest in the search — so a chain that reaches an untrusted root says ERR_CERT_UNTRUSTED
 * even when a same-name CA's key (MOICA G2 beside G3) failed on the way.
 */
export function buildPath<T extends object>(leaf: ParsedCert, search: PathSearch, check: PathCheck<T>): { path: ParsedCert[]; accepted: T } | PathFailure {
  const bySubject = indexBySubject(search.anchors, search.intermediates);
  const signatures = signatureChecker(search);
  const { work } = search;
  let completeFailure: PathFailure | undefined;
  let best: Noted | undefined;
  const note = (failure: PathFailure, depth: number) => {
    // Deeper is more telling; at one depth a bad signature beats "too long", which beats "no issuer".
    const rank = failure.code === 'ERR_CERT_SIGNATURE' ? 2 : failure.code === 'ERR_CERT_PATH' ? 1 : 0;
    if (!best || depth > best.depth || (depth === best.depth && rank > best.rank)) best = { failure, depth, rank };
  };

  const extend = (chain: ParsedCert[]): { path: ParsedCert[]; accepted: T } | typeof outOfBudget | undefined => {
    const child = chain[chain.length - 1]!;
    for (const { cert: issuer, isAnchor } of orderByKeyIdentifier(bySubject.get(nameKey(child.issuerDer)) ?? [], child)) {
      if (chain.some((c) => equalBytes(c.spkiDer, issuer.spkiDer) && sameName(c.subjectDer, issuer.subjectDer))) continue;
      if (!isAnchor && chain.length + 2 > search.maxPathLength) {
        note(fail('ERR_CERT_PATH', `The path would be longer than ${search.maxPathLength} certificates.`), chain.length);
        continue;
      }
      if (++work.candidates > search.maxPathCandidates) return outOfBudget;
      const signature = signatures.check(child, issuer);
      if (signature === outOfBudget) return outOfBudget;
      if (signature.status !== 'valid') {
        note(signatureFailure(child, issuer, signature), chain.length);
        continue;
      }
      const next = [...chain, issuer];
      if (isAnchor) {
        const outcome = check(next);
        if (!isFailure(outcome)) return { path: next, accepted: outcome };
        completeFailure ??= outcome;
        continue;
      }
      const found = extend(next);
      if (found) return found;
    }
    note(fail('ERR_CERT_UNTRUSTED', `No trusted issuer found for ${describe(child)} (issuer "${child.issuer}").`), chain.length);
    return undefined;
  };

  const found = extend([leaf]);
  if (found === outOfBudget) {
    return fail(
      'ERR_PATH_BUDGET',
      `Path building for ${describe(leaf)} gave up after ${Math.min(work.candidates, search.maxPathCandidates)} issuer candidates and ${Math.min(work.signatures, search.maxSignatureChecks)} signature checks.`,
    );
  }
  return found ?? completeFailure ?? best!.failure;
}

/**
 * A name whose key identifier differs from the child's AKI did not sign it: that is a missing
 * issuer (ERR_CERT_UNTRUSTED), as OpenSSL says too. A bad signature under a matching or absent
 * identifier is a forgery or corruption (ERR_CERT_SIGNATURE).
 */
function signatureFailure(child: ParsedCert, issuer: ParsedCert, check: SignatureCheck): PathFailure {
  if (keyIdentifierMatch(issuer, child) === 2) {
    return fail('ERR_CERT_UNTRUSTED', `${describe(child)} names another key of "${child.issuer}" (authorityKeyIdentifier) than any trusted one.`);
  }
  const why = check.status === 'unsupported' ? check.reason : 'the signature does not verify';
  return fail('ERR_CERT_SIGNATURE', `${describe(child)} was not signed by ${describe(issuer)}: ${why}.`);
}

/** 0: SKI = child's AKI, 1: one of them absent, 2: both present and different. */
function keyIdentifierMatch(issuer: ParsedCert, child: ParsedCert): 0 | 1 | 2 {
  const [ski, aki] = [issuer.subjectKeyIdentifier, child.authorityKeyIdentifier];
  if (!ski || !aki) return 1;
  return equalBytes(ski, aki) ? 0 : 2;
}

function orderByKeyIdentifier(pool: readonly Candidate[], child: ParsedCert): Candidate[] {
  // Array.prototype.sort is stable: anchors stay before intermediates within a rank.
  return pool.length < 2 ? [...pool] : [...pool].sort((a, b) => keyIdentifierMatch(a.cert, child) - keyIdentifierMatch(b.cert, child));
}

function indexBySubject(anchors: readonly ParsedCert[], intermediates: readonly ParsedCert[]): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  for (const [pool, isAnchor] of [[anchors, true], [intermediates, false]] as const) {
    for (const cert of pool) {
      const key = nameKey(cert.subjectDer);
      const list = index.get(key) ?? [];
      if (!list.some((c) => c.cert.thumbprintSha256 === cert.thumbprintSha256)) list.push({ cert, isAnchor });
      index.set(key, list);
    }
  }
  return index;
}
