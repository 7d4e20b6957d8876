import type { ParsedCert } from '../parseCertificate.js';
import type { PathLimits } from './buildPath.js';
import { isDsaAlgorithm, verifySignature, type SignatureCheck } from './verifySignature.js';

/** The work one verification has spent on path building, shared by every path it builds (CRL signers' included). */
export type PathWork = { candidates: number; signatures: number; readonly verified: Map<string, SignatureCheck> };
export const createPathWork = (): PathWork => ({ candidates: 0, signatures: 0, verified: new Map() });
export const outOfBudget = Symbol('out of budget');

const remembered = new WeakMap<ParsedCert, WeakMap<ParsedCert, SignatureCheck>>();

/**
 * Whether `issuer`'s key verifies `child`'s signature, remembered per pair of parsed certificates
 * across calls (a server parses its CAs once, so the CA → root check of every login is done
 * once; the WeakMaps let answers go with the certificates), and per (child, issuer key) within
 * one call, so many CAs sharing one key cost one check. Only real verifications count against
 * the budget: past `maxSignatureChecks` the answer is outOfBudget.
 */
export function signatureChecker({ maxSignatureChecks, minimumKeyBits, allowDsa, work }: Pick<PathLimits, 'maxSignatureChecks' | 'minimumKeyBits' | 'allowDsa' | 'work'>) {
  const byKey = work.verified;
  const defaults = minimumKeyBits.rsa === 2048 && minimumKeyBits.ec === 256 && !allowDsa;
  return {
    check(child: ParsedCert, issuer: ParsedCert): SignatureCheck | typeof outOfBudget {
      if (!allowDsa && isDsaAlgorithm(child.signatureAlgorithm)) return { status: 'unsupported', reason: 'DSA signatures are not accepted (allowDsa)' };
      let byIssuer = remembered.get(child);
      const known = defaults ? byIssuer?.get(issuer) : undefined;
      if (known) return known;
      const spki = issuer.spkiDer;
      const key = `${child.thumbprintSha256}:${Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength).toString('latin1')}`;
      let result = byKey.get(key);
      if (!result) {
        if (++work.signatures > maxSignatureChecks) return outOfBudget;
        result = verifySignature(child.signatureAlgorithm, child.tbs, child.signatureValue, issuer.spkiDer, { allowDsa, minimumBits: minimumKeyBits });
        byKey.set(key, result);
      }
      // Only answers under the default settings are shared across calls: a lowered minimum or allowDsa must not leak.
      if (defaults) {
        if (!byIssuer) remembered.set(child, (byIssuer = new WeakMap()));
        byIssuer.set(issuer, result);
      }
      return result;
    },
  };
}
