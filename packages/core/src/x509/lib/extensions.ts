import { children, content, decodeOid, decodeSmallInteger, malformed, readOnly, tags, type Tlv } from './der.js';
import { oids } from './oids.js';

/** One certificate extension as encoded (RFC 5280 §4.1): `value` is the content of extnValue. */
export type CertExtension = { oid: string; critical: boolean; value: Uint8Array };

export type BasicConstraints = { cA: boolean; pathLenConstraint: number | undefined };

/** KeyUsage bits in order (RFC 5280 §4.2.1.3); bit 1 is also called contentCommitment. */
export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof keyUsageNames)[number];

/** Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`. */
export function readExtensions(bytes: Uint8Array, sequence: Tlv): CertExtension[] {
  if (sequence.tag !== tags.sequence) throw malformed('Extensions');
  return children(bytes, sequence).map((extension) => {
    const parts = children(bytes, extension);
    const [id, second, third] = parts;
    const critical = second?.tag === tags.boolean ? second : undefined;
    const value = critical ? third : second;
    if (extension.tag !== tags.sequence || id?.tag !== tags.oid || value?.tag !== tags.octetString || parts.length !== (critical ? 3 : 2)) {
      throw malformed('Extension');
    }
    return {
      oid: decodeOid(content(bytes, id)),
      critical: critical !== undefined && content(bytes, critical)[0] !== 0,
      value: content(bytes, value),
    };
  });
}

/** `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }`. */
export function readBasicConstraints(value: Uint8Array): BasicConstraints {
  const fields = children(value, readOnly(value, tags.sequence, 'basicConstraints'));
  let cA = false;
  let pathLenConstraint: number | undefined;
  for (const field of fields) {
    if (field.tag === tags.boolean && pathLenConstraint === undefined) cA = content(value, field)[0] !== 0;
    else if (field.tag === tags.integer) pathLenConstraint = decodeSmallInteger(content(value, field), 'pathLenConstraint');
    else throw malformed('basicConstraints');
  }
  return { cA, pathLenConstraint };
}

/** `KeyUsage ::= BIT STRING`; bit 0 is the most significant bit of the first content byte. */
export function readKeyUsage(value: Uint8Array): Set<KeyUsage> {
  const bits = content(value, readOnly(value, tags.bitString, 'keyUsage'));
  if (bits.length === 0 || bits[0]! > 7) throw malformed('keyUsage');
  const usages = new Set<KeyUsage>();
  keyUsageNames.forEach((name, bit) => {
    const byte = bits[1 + (bit >> 3)];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) usages.add(name);
  });
  return usages;
}

/** Refuses a certificate that repeats an extension (RFC 5280 §4.2: MUST NOT) — which copy would count? */
export function assertUniqueExtensions(extensions: readonly CertExtension[]): void {
  const seen = new Set<string>();
  for (const { oid } of extensions) {
    if (seen.has(oid)) throw malformed(`extension ${oid} appears more than once`);
    seen.add(oid);
  }
}

/**
 * Extensions a critical flag on which does not stop the path (RFC 5280 §6.1.4 (o)): the ones
 * §6.1 and §6.3 process here — basicConstraints, keyUsage, certificatePolicies, policyMappings,
 * policyConstraints, inhibitAnyPolicy, nameConstraints, the CRL distribution points — and ones
 * that do not restrict path validation (EKU, SAN, key identifiers).
 */
export const recognisedExtensions: ReadonlySet<string> = new Set([
  oids.basicConstraints,
  oids.keyUsage,
  oids.extKeyUsage,
  oids.subjectAltName,
  oids.certificatePolicies,
  oids.policyMappings,
  oids.policyConstraints,
  oids.inhibitAnyPolicy,
  oids.nameConstraints,
  oids.cRLDistributionPoints,
  oids.freshestCRL,
  oids.subjectKeyIdentifier,
  oids.authorityKeyIdentifier,
]);
