import type { KeyUsage, ParsedCert } from '../parseCertificate.js';
import { equalBytes } from './der.js';
import { recognisedExtensions } from './extensions.js';
import { oids } from './oids.js';
import { describe, fail, type PathFailure } from './result.js';

/**
 * The per-certificate rules of RFC 5280 §6.1.3–§6.1.5 on a built path (leaf first, anchor last),
 * walked from the anchor down as §6.1 does. Signatures and name chaining were checked while
 * building. Returns the first failure, or undefined.
 */
export function checkPathRules(path: readonly ParsedCert[], at: Date, requiredLeafKeyUsage: readonly KeyUsage[]): PathFailure | undefined {
  for (let index = path.length - 1; index >= 0; index--) {
    const cert = path[index]!;
    const failure =
      checkValidity(cert, at) ??
      checkCriticalExtensions(cert) ??
      (index > 0 ? checkIssuer(cert, path.slice(1, index), index === path.length - 1) : checkLeafUsage(cert, requiredLeafKeyUsage));
    if (failure) return failure;
  }
  return undefined;
}

/** §6.1.3 (a)(2): notBefore ≤ at ≤ notAfter, both inclusive (§4.1.2.5). The anchor too, by design. */
function checkValidity(cert: ParsedCert, at: Date): PathFailure | undefined {
  if (at.getTime() < cert.notBefore.getTime()) {
    return fail('ERR_CERT_NOT_YET_VALID', `${describe(cert)} is not valid before ${cert.notBefore.toISOString()}.`);
  }
  if (at.getTime() > cert.notAfter.getTime()) {
    return fail('ERR_CERT_EXPIRED', `${describe(cert)} expired at ${cert.notAfter.toISOString()}.`);
  }
  return undefined;
}

/** §6.1.4 (o), §6.1.5 (f): a critical extension not processed here stops the path. */
function checkCriticalExtensions(cert: ParsedCert): PathFailure | undefined {
  // nameConstraints must be critical (§4.2.1.10) and gcis does not process them: refuse them even
  // when marked non-critical, since ignoring one would widen what the CA may issue.
  const unknown = cert.extensions.find((e) => e.oid === oids.nameConstraints || (e.critical && !recognisedExtensions.has(e.oid)));
  if (unknown) return fail('ERR_CERT_EXTENSION', `${describe(cert)} has extension ${unknown.oid}, which is not supported.`);
  return undefined;
}

/**
 * §6.1.4 (k) cA, (l)–(m) pathLenConstraint, (n) keyCertSign — applied to the anchor as well
 * when it carries these extensions, except that an anchor without basicConstraints (a v1 root)
 * is accepted: §6.1 takes the anchor as trusted input. `below` are the intermediates between
 * this issuer and the leaf.
 */
function checkIssuer(cert: ParsedCert, below: readonly ParsedCert[], isAnchor: boolean): PathFailure | undefined {
  const constraints = cert.basicConstraints;
  if (constraints ? !constraints.cA : !isAnchor) {
    return fail('ERR_CERT_PATH', `${describe(cert)} issued a certificate but is not a CA (basicConstraints cA).`);
  }
  // Self-issued certificates (key rollover) do not count towards the limit (§6.1.4 (l)).
  const counted = below.filter((c) => !equalBytes(c.subjectDer, c.issuerDer)).length;
  if (constraints?.pathLenConstraint !== undefined && counted > constraints.pathLenConstraint) {
    return fail('ERR_CERT_PATH', `${describe(cert)} allows ${constraints.pathLenConstraint} intermediate CAs below it; the path has ${counted}.`);
  }
  if (cert.keyUsage && !cert.keyUsage.has('keyCertSign')) {
    return fail('ERR_CERT_USAGE', `${describe(cert)} issued a certificate but its keyUsage lacks keyCertSign.`);
  }
  return undefined;
}

/**
 * The application's own requirement on the end entity, e.g. digitalSignature for login. A leaf
 * without keyUsage is unrestricted (§4.2.1.3), so only a present extension can refuse.
 */
function checkLeafUsage(cert: ParsedCert, required: readonly KeyUsage[]): PathFailure | undefined {
  const missing = required.filter((usage) => cert.keyUsage && !cert.keyUsage.has(usage));
  if (missing.length > 0) return fail('ERR_CERT_USAGE', `${describe(cert)} may not be used for ${missing.join(', ')} (keyUsage).`);
  return undefined;
}
