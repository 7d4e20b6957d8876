import type { LoadedCrl } from '../loadCrl.js';
import type { ParsedCert } from '../parseCertificate.js';
import { nameKeys, sameName } from './compareNames.js';
import { readName, type NameAttribute } from './formatName.js';
import type { GeneralName } from './generalNames.js';
import { allReasons, type DistributionPoint, type DistributionPointName } from './readDistributionPoints.js';

/** The distribution point of a certificate without cRLDistributionPoints: its issuer's complete CRL. */
export const defaultDistributionPoint: DistributionPoint = { name: undefined, reasons: undefined, crlIssuer: undefined };

/**
 * RFC 5280 §6.3.3 (b) and (d): whether `crl` (a complete CRL or a delta) can speak for `cert`
 * through distribution point `point`, and for which reasons. (b)(1): the CRL comes from the
 * point's cRLIssuer and says it is indirect, or, without a cRLIssuer, from the certificate's
 * issuer. (b)(2): its issuingDistributionPoint names the point and covers this kind of
 * certificate. (d): the reasons both the point and the CRL cover. Returns 0 when out of scope.
 */
export function crlScope(crl: LoadedCrl, cert: ParsedCert, point: DistributionPoint): number {
  const idp = crl.issuingDistributionPoint;
  const issuers = point.crlIssuer?.filter((name): name is GeneralName & { type: 'dn' } => name.type === 'dn');
  if (issuers) {
    if (!issuers.some((name) => sameName(name.value, crl.issuerDer)) || !idp?.indirectCrl) return 0;
  } else if (!sameName(crl.issuerDer, cert.issuerDer)) {
    return 0;
  }
  if (idp) {
    if (idp.name && !namesMatch(idp.name, crl.issuerDer, point, issuers?.[0]?.value ?? cert.issuerDer)) return 0;
    const isCa = cert.basicConstraints?.cA === true;
    if ((idp.onlyContainsUserCerts && isCa) || (idp.onlyContainsCACerts && !isCa) || idp.onlyContainsAttributeCerts) return 0;
  }
  // Bit 0 of ReasonFlags is 'unused': it is no reason, so it never counts towards coverage.
  return (idp?.onlySomeReasons ?? allReasons) & (point.reasons ?? allReasons) & allReasons;
}

/**
 * (b)(2)(i): one name of the CRL's distribution point equals one of the certificate's point —
 * or, when the point has no name, one of its cRLIssuer (by default the certificate's issuer).
 */
function namesMatch(idpName: DistributionPointName, crlIssuerDer: Uint8Array, point: DistributionPoint, pointIssuerDer: Uint8Array): boolean {
  const crlNames = new Set(pointNameKeys(idpName, crlIssuerDer));
  const certNames = point.name ? pointNameKeys(point.name, pointIssuerDer) : (point.crlIssuer ?? [{ type: 'dn', value: pointIssuerDer, rdns: readName(pointIssuerDer) }]).map(generalNameKey);
  return certNames.some((key) => crlNames.has(key));
}

/** A DistributionPointName's names as comparable keys; a name relative to the CRL issuer is appended to that issuer's name (§4.2.1.13). */
function pointNameKeys(name: DistributionPointName, issuerDer: Uint8Array): string[] {
  if ('fullName' in name) return name.fullName.map(generalNameKey);
  return [directoryKey([...readName(issuerDer), name.relativeName])];
}

const directoryKey = (rdns: readonly (readonly NameAttribute[])[]) => `dn:${nameKeys(rdns).join('/')}`;

/** Comparable text of a GeneralName: directory names under §7.1, host-like names without case, the rest as bytes. */
function generalNameKey(name: GeneralName): string {
  switch (name.type) {
    case 'dn':
      return directoryKey(name.rdns);
    case 'uri':
      return `uri:${name.value}`;
    case 'rfc822':
    case 'dns':
      return `${name.type}:${name.value.toLowerCase()}`;
    case 'ip':
      return `ip:${Buffer.from(name.value).toString('hex')}`;
    default:
      return `other:${Buffer.from(name.value).toString('hex')}`;
  }
}

