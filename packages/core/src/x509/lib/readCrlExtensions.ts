import { children, content, malformed, readOnly, tags, type Tlv } from './der.js';
import { readExtensions } from './extensions.js';
import { oids } from './oids.js';
import { readIssuingDistributionPoint, type IssuingDistributionPoint } from './readDistributionPoints.js';

/** The CRL extensions revocation checking acts on (RFC 5280 §5.2), and why the CRL cannot be used, if it cannot. */
export type CrlExtensions = {
  crlNumber: bigint | undefined;
  /** deltaCRLIndicator's BaseCRLNumber: set only on a delta CRL (§5.2.4). */
  deltaBaseCrlNumber: bigint | undefined;
  issuingDistributionPoint: IssuingDistributionPoint | undefined;
  unusableReason: string | undefined;
};

/** CRL extensions a critical flag on which leaves the CRL usable: the ones §6.3 processes here (§5.2). */
const understood = new Set<string>([oids.authorityKeyIdentifier, oids.deltaCRLIndicator, oids.issuingDistributionPoint, oids.freshestCRL]);

/**
 * Reads `crlExtensions [0] Extensions` (absent on a v1 CRL: `wrapper` undefined). A CRL without a
 * cRLNumber, with a critical one (§5.2.3: MUST be present, non-critical), or with a critical
 * extension not processed here is unusable (§6.3.3: fail closed). Malformed values throw.
 */
export function readCrlExtensions(bytes: Uint8Array, wrapper: Tlv | undefined): CrlExtensions {
  const result: CrlExtensions = { crlNumber: undefined, deltaBaseCrlNumber: undefined, issuingDistributionPoint: undefined, unusableReason: undefined };
  const problem = (reason: string) => (result.unusableReason ??= reason);
  const [sequence, extra] = wrapper ? children(bytes, wrapper) : [];
  if (wrapper && (!sequence || extra)) throw malformed('CRL extensions');
  const extensions = sequence ? readExtensions(bytes, sequence) : [];
  const seen = new Set<string>();
  for (const extension of extensions) {
    if (seen.has(extension.oid)) throw malformed(`CRL extension ${extension.oid} appears more than once`);
    seen.add(extension.oid);
    if (extension.oid === oids.cRLNumber) {
      result.crlNumber = readCrlNumber(extension.value);
      if (extension.critical) problem('its cRLNumber is marked critical (RFC 5280 §5.2.3: non-critical)');
    } else if (extension.oid === oids.deltaCRLIndicator) {
      result.deltaBaseCrlNumber = readCrlNumber(extension.value);
      if (!extension.critical) problem('its deltaCRLIndicator is not critical (RFC 5280 §5.2.4: critical)');
    } else if (extension.oid === oids.issuingDistributionPoint) {
      result.issuingDistributionPoint = readIssuingDistributionPoint(extension.value);
    } else if (extension.critical && !understood.has(extension.oid)) {
      problem(`critical CRL extension ${extension.oid} is not supported`);
    }
  }
  if (result.crlNumber === undefined) problem('it has no cRLNumber (RFC 5280 §5.2.3)');
  return result;
}

/** `CRLNumber ::= INTEGER (0..MAX)`, at most 20 octets (§5.2.3). */
function readCrlNumber(value: Uint8Array): bigint {
  const number = content(value, readOnly(value, tags.integer, 'CRLNumber'));
  if (number.length === 0 || number.length > 21 || (number[0]! & 0x80) !== 0) throw malformed('CRLNumber');
  return BigInt(`0x${Buffer.from(number).toString('hex')}`);
}
