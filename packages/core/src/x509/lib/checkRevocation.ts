import { isGcisError } from '../../errors.js';
import type { LoadedCrl } from '../loadCrl.js';
import type { ParsedCert } from '../parseCertificate.js';
import { crlScope, defaultDistributionPoint } from './crlScope.js';
import { findCrlSigner, type ValidateSigner } from './findCrlSigner.js';
import { findDeltaCrl, isCurrent } from './findDeltaCrl.js';
import { allReasons } from './readDistributionPoints.js';
import { readPathExtensions } from './readPathExtensions.js';
import { describe, fail, type PathFailure } from './result.js';

/** CRLReason removeFromCRL (§5.3.1): in a delta CRL, the certificate is no longer on hold. */
const removeFromCrl = 8;

export type RevocationContext = {
  crls: readonly LoadedCrl[];
  at: Date;
  /** Certificates a CRL signer may be among (intermediates offered and anchors). */
  candidates: readonly ParsedCert[];
  validateSigner: ValidateSigner;
};

/**
 * Revocation status of every certificate in the path but the anchor (RFC 5280 §6.3), fail
 * closed: a certificate passes only when CRLs covering every reason say it is not revoked.
 */
export function checkRevocation(path: readonly ParsedCert[], context: RevocationContext): PathFailure | undefined {
  for (let index = 0; index < path.length - 1; index++) {
    let failure: PathFailure | undefined;
    try {
      failure = certificateStatus(path[index]!, path[index + 1]!, context);
    } catch (error) {
      // A CRL entry is read in full only when its serial is looked up: a malformed one surfaces here.
      if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
      failure = fail('ERR_CRL_MALFORMED', `A CRL entry for ${describe(path[index]!)} cannot be read: ${error.message}`);
    }
    if (failure) return failure;
  }
  return undefined;
}

/**
 * §6.3.3 for one certificate: through each of its distribution points (or the default one),
 * each complete CRL in scope (b) for some reasons (d) that is current (a) and has a valid signer
 * (f)–(g), read with its delta CRL if one is offered (c), (h), decides the status for its
 * reasons (i)–(k) and adds them to those covered (l). Every such CRL is read, not only until the
 * reasons are covered (§6.3.3 (e) would stop there): of two current CRLs the older may not list a
 * revocation yet. Short of all reasons the status is undetermined: the most telling problem
 * met, or ERR_CRL_MISSING.
 */
function certificateStatus(cert: ParsedCert, issuer: ParsedCert, { crls, at, candidates, validateSigner }: RevocationContext): PathFailure | undefined {
  let covered = 0;
  let problem: PathFailure | undefined;
  const note = (next: PathFailure) => {
    const rank = (f: PathFailure | undefined) => (f?.code === 'ERR_CRL_INVALID' ? 2 : f?.code === 'ERR_CRL_STALE' ? 1 : 0);
    if (!problem || rank(next) > rank(problem)) problem = next;
  };
  const points = readPathExtensions(cert).crlDistributionPoints ?? [defaultDistributionPoint];
  for (const point of points) {
    for (const crl of crls) {
      if (crl.deltaBaseCrlNumber !== undefined) continue;
      const reasons = crlScope(crl, cert, point);
      if (reasons === 0) continue;
      if (crl.unusableReason) {
        note(fail('ERR_CRL_INVALID', `The CRL from "${crl.issuer}" cannot be used: ${crl.unusableReason}.`));
        continue;
      }
      if (!isCurrent(crl, at)) {
        note(fail('ERR_CRL_STALE', `No current CRL from "${crl.issuer}" at ${at.toISOString()} (nextUpdate ${crl.nextUpdate?.toISOString() ?? 'absent'}).`));
        continue;
      }
      const found = findCrlSigner(crl, issuer, candidates, validateSigner);
      if ('failure' in found) {
        note(found.failure);
        continue;
      }
      const deltaFound = findDeltaCrl(crl, crls, found.signer, at);
      if ('failure' in deltaFound) {
        note(deltaFound.failure);
        continue;
      }
      const fromDelta = deltaFound.delta && crlScope(deltaFound.delta, cert, point) ? deltaFound.delta.lookup(cert.serialHex, cert.issuerDer) : undefined;
      const entry = fromDelta ?? crl.lookup(cert.serialHex, cert.issuerDer);
      const revoked = entry !== undefined && entry.reasonCode !== removeFromCrl && entry.revocationDate.getTime() <= at.getTime();
      if (revoked) return fail('ERR_CERT_REVOKED', `${describe(cert)} (serial ${cert.serialHex}) is revoked.`);
      covered |= reasons;
    }
  }
  if (covered === allReasons) return undefined;
  return problem ?? fail('ERR_CRL_MISSING', `No CRL covers ${describe(cert)} (issuer "${cert.issuer}") for every revocation reason.`);
}
