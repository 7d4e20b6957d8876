import type { LoadedCrl } from '../loadCrl.js';
import type { ParsedCert } from '../parseCertificate.js';
import { equalBytes } from './der.js';
import { describe, fail, type PathFailure } from './result.js';

/**
 * Revocation status of every certificate in the path but the anchor, from complete CRLs
 * (RFC 5280 §6.3, fail closed). A CRL counts for `cert` when its issuer name is the cert's
 * issuer name, its signature verifies with the key of the cert's issuer in the path, that
 * issuer may sign CRLs (cRLSign, when keyUsage is present) and the CRL uses nothing this
 * module cannot honour. It is fresh when thisUpdate ≤ at < nextUpdate.
 */
export function checkRevocation(path: readonly ParsedCert[], crls: readonly LoadedCrl[], at: Date): PathFailure | undefined {
  for (let index = 0; index < path.length - 1; index++) {
    const failure = checkOne(path[index]!, path[index + 1]!, crls, at);
    if (failure) return failure;
  }
  return undefined;
}

function checkOne(cert: ParsedCert, issuer: ParsedCert, crls: readonly LoadedCrl[], at: Date): PathFailure | undefined {
  const named = crls.filter((crl) => equalBytes(crl.issuerDer, cert.issuerDer));
  if (named.length === 0) return fail('ERR_CRL_MISSING', `No CRL from "${cert.issuer}" for ${describe(cert)}.`);
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) {
    return fail('ERR_CRL_INVALID', `${describe(issuer)} may not sign CRLs (keyUsage lacks cRLSign).`);
  }
  const usable = named.filter((crl) => crl.unusableReason === undefined && crl.verifySignature(issuer.spkiDer).status === 'valid');
  if (usable.length === 0) {
    const reason = named.find((crl) => crl.unusableReason)?.unusableReason ?? 'its signature does not verify with the issuer key';
    return fail('ERR_CRL_INVALID', `The CRL from "${cert.issuer}" cannot be used: ${reason}.`);
  }
  const time = at.getTime();
  const fresh = usable.filter((crl) => crl.thisUpdate.getTime() <= time && crl.nextUpdate !== undefined && time < crl.nextUpdate.getTime());
  if (fresh.length === 0) {
    const latest = usable.map((crl) => crl.nextUpdate?.toISOString() ?? 'no nextUpdate').join(', ');
    return fail('ERR_CRL_STALE', `No fresh CRL from "${cert.issuer}" at ${at.toISOString()} (nextUpdate: ${latest}).`);
  }
  // Every fresh CRL is consulted: a serial listed on any of them is revoked.
  if (fresh.some((crl) => crl.isRevoked(cert.serialHex, at))) {
    return fail('ERR_CERT_REVOKED', `${describe(cert)} (serial ${cert.serialHex}) is revoked.`);
  }
  return undefined;
}
