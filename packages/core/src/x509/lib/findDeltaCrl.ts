import type { LoadedCrl } from '../loadCrl.js';
import type { ParsedCert } from '../parseCertificate.js';
import { sameName } from './compareNames.js';
import { equalBytes } from './der.js';
import { fail, type PathFailure } from './result.js';

/**
 * RFC 5280 §6.3.3 (c) and (h): the delta CRL to read with `complete` — same issuer, same scope
 * (issuingDistributionPoint), signed by the same key, built on a base no newer than `complete`
 * (§5.2.4) and newer than it. The newest current one is used; when deltas for `complete` exist
 * but none is current, revocations may be missing, so that fails (ERR_CRL_STALE).
 */
export function findDeltaCrl(complete: LoadedCrl, crls: readonly LoadedCrl[], signer: ParsedCert, at: Date): { delta: LoadedCrl | undefined } | { failure: PathFailure } {
  const base = complete.crlNumber;
  if (base === undefined) return { delta: undefined };
  const deltas = crls.filter(
    (crl) =>
      crl.deltaBaseCrlNumber !== undefined &&
      crl.unusableReason === undefined &&
      crl.deltaBaseCrlNumber <= base &&
      crl.crlNumber !== undefined &&
      crl.crlNumber > base &&
      sameName(crl.issuerDer, complete.issuerDer) &&
      sameScope(crl, complete) &&
      crl.verifySignature(signer.spkiDer).status === 'valid',
  );
  if (deltas.length === 0) return { delta: undefined };
  const current = deltas.filter((crl) => isCurrent(crl, at)).sort((a, b) => (a.crlNumber! > b.crlNumber! ? -1 : 1));
  if (current.length === 0) return { failure: fail('ERR_CRL_STALE', `The delta CRLs from "${complete.issuer}" are not current at ${at.toISOString()}.`) };
  return { delta: current[0] };
}

const sameScope = (a: LoadedCrl, b: LoadedCrl) => {
  const [x, y] = [a.issuingDistributionPoint?.der, b.issuingDistributionPoint?.der];
  return x === undefined || y === undefined ? x === y : equalBytes(x, y);
};

/** §6.3.3 (a)(1): thisUpdate ≤ at < nextUpdate; a CRL without nextUpdate is never current. */
export const isCurrent = (crl: LoadedCrl, at: Date) =>
  crl.thisUpdate.getTime() <= at.getTime() && crl.nextUpdate !== undefined && at.getTime() < crl.nextUpdate.getTime();
