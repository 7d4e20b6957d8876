import type { ParsedCert } from '../parseCertificate.js';
import { sameName } from './compareNames.js';
import { describe, fail, type PathFailure } from './result.js';
import { isDsaAlgorithm, verifySignature, type SignatureCheck } from './verifySignature.js';

type Candidates = { anchors: readonly ParsedCert[]; intermediates: readonly ParsedCert[]; maxPathLength: number; allowDsa?: boolean };

/**
 * Builds a path leaf → … → trust anchor by name chaining (issuer = subject under RFC 5280 §7.1
 * name matching), keeping a candidate issuer only if its
 * key verifies the child's signature — which also tells apart CAs sharing a name, such as
 * MOICA G2 and G3. Depth-first, anchors before intermediates; no certificate twice.
 * Returns the path leaf-first, or the most telling failure met on the way.
 */
export function buildPath(leaf: ParsedCert, { anchors, intermediates, maxPathLength, allowDsa = false }: Candidates): ParsedCert[] | PathFailure {
  let failure: PathFailure | undefined;
  const note = (next: PathFailure) => {
    // A bad signature says more than "too long", which says more than "no issuer found".
    const rank = (f: PathFailure | undefined) => (f?.code === 'ERR_CERT_SIGNATURE' ? 2 : f?.code === 'ERR_CERT_PATH' ? 1 : 0);
    if (rank(next) > rank(failure) || !failure) failure = next;
  };
  const extend = (chain: ParsedCert[]): ParsedCert[] | undefined => {
    const child = chain[chain.length - 1]!;
    const used = (cert: ParsedCert) => chain.some((c) => c.thumbprintSha256 === cert.thumbprintSha256);
    const issuers = (pool: readonly ParsedCert[]) => pool.filter((c) => sameName(c.subjectDer, child.issuerDer) && !used(c));
    for (const [pool, isAnchor] of [[anchors, true], [intermediates, false]] as const) {
      for (const issuer of issuers(pool)) {
        if (!isAnchor && chain.length + 2 > maxPathLength) {
          note(fail('ERR_CERT_PATH', `The path would be longer than ${maxPathLength} certificates.`));
          continue;
        }
        const check = signedBy(child, issuer, allowDsa);
        if (check.status !== 'valid') {
          const why = check.status === 'unsupported' ? check.reason : 'the signature does not verify';
          note(fail('ERR_CERT_SIGNATURE', `${describe(child)} was not signed by ${describe(issuer)}: ${why}.`));
          continue;
        }
        const found = isAnchor ? [...chain, issuer] : extend([...chain, issuer]);
        if (found) return found;
      }
    }
    note(fail('ERR_CERT_UNTRUSTED', `No trusted issuer found for ${describe(child)} (issuer "${child.issuer}").`));
    return undefined;
  };
  return extend([leaf]) ?? failure!;
}

/**
 * Whether `issuer`'s key verifies `child`'s signature, remembered per pair of parsed certificates:
 * a server parses its CAs once, so the CA → root check of every login is done once. ParsedCert
 * is immutable and the answer cannot change; a WeakMap lets it go with the certificate.
 */
const checked = new WeakMap<ParsedCert, WeakMap<ParsedCert, SignatureCheck>>();

function signedBy(child: ParsedCert, issuer: ParsedCert, allowDsa: boolean): SignatureCheck {
  if (!allowDsa && isDsaAlgorithm(child.signatureAlgorithm)) return { status: 'unsupported', reason: 'DSA signatures are not accepted (allowDsa)' };
  let byIssuer = checked.get(child);
  if (!byIssuer) checked.set(child, (byIssuer = new WeakMap()));
  let check = byIssuer.get(issuer);
  if (!check) {
    check = verifySignature(child.signatureAlgorithm, child.tbs, child.signatureValue, issuer.spkiDer, { allowDsa });
    byIssuer.set(issuer, check);
  }
  return check;
}
