import type { LoadedCrl } from '../loadCrl.js';
import type { ParsedCert } from '../parseCertificate.js';
import { sameName } from './compareNames.js';
import { describe, fail, type PathFailure } from './result.js';

/** Validates a CRL signer's own certification path to the anchor of the path being checked. */
export type ValidateSigner = (signer: ParsedCert) => PathFailure | undefined;

/**
 * RFC 5280 §6.3.3 (f)–(g): the certificate whose key signed `crl`, allowed to sign CRLs
 * (cRLSign when it has keyUsage) and itself valid. Tried in order: the certificate's issuer in
 * the path (already validated with it), then any other certificate at hand with the CRL issuer's
 * name — a CA with a separate CRL key, or the issuer of an indirect CRL — whose own path to the
 * same trust anchor `validateSigner` checks, revocation included.
 */
export function findCrlSigner(
  crl: LoadedCrl,
  issuerInPath: ParsedCert,
  candidates: readonly ParsedCert[],
  validateSigner: ValidateSigner,
): { signer: ParsedCert } | { failure: PathFailure } {
  let failure: PathFailure | undefined;
  for (const candidate of [issuerInPath, ...candidates]) {
    if (candidate !== issuerInPath && candidate.thumbprintSha256 === issuerInPath.thumbprintSha256) continue;
    if (!sameName(candidate.subjectDer, crl.issuerDer) || crl.verifySignature(candidate.spkiDer).status !== 'valid') continue;
    if (candidate.keyUsage && !candidate.keyUsage.has('cRLSign')) {
      failure ??= fail('ERR_CRL_INVALID', `The CRL from "${crl.issuer}" is signed by ${describe(candidate)}, whose keyUsage lacks cRLSign.`);
      continue;
    }
    const invalid = candidate === issuerInPath ? undefined : validateSigner(candidate);
    if (invalid) {
      failure = fail('ERR_CRL_INVALID', `The CRL from "${crl.issuer}" is signed by ${describe(candidate)}, which is not valid: ${invalid.message}`);
      continue;
    }
    return { signer: candidate };
  }
  return { failure: failure ?? fail('ERR_CRL_INVALID', `The CRL from "${crl.issuer}" cannot be used: no certificate at hand with that name verifies its signature.`) };
}
