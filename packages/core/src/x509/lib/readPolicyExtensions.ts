import { children, content, decodeOid, decodeSmallInteger, malformed, readOnly, tags } from './der.js';
import { oids } from './oids.js';

export const anyPolicy = oids.anyPolicy;

/** One PolicyInformation (RFC 5280 §4.2.1.4): the policy OID and the DER of its qualifiers, if any. */
export type PolicyInformation = { policy: string; qualifiers: Uint8Array | undefined };

/** `certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation`; an OID twice is refused (§4.2.1.4 MUST NOT). */
export function readCertificatePolicies(value: Uint8Array): PolicyInformation[] {
  const seen = new Set<string>();
  const policies = children(value, readOnly(value, tags.sequence, 'certificatePolicies')).map((information) => {
    const [id, qualifiers, extra] = children(value, information);
    if (information.tag !== tags.sequence || id?.tag !== tags.oid || (qualifiers && qualifiers.tag !== tags.sequence) || extra) {
      throw malformed('PolicyInformation');
    }
    const policy = decodeOid(content(value, id));
    if (seen.has(policy)) throw malformed(`policy ${policy} listed twice`);
    seen.add(policy);
    return { policy, qualifiers: qualifiers && value.subarray(qualifiers.start, qualifiers.end) };
  });
  if (policies.length === 0) throw malformed('empty certificatePolicies');
  return policies;
}

/** `policyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }` (§4.2.1.5). */
export function readPolicyMappings(value: Uint8Array): Array<{ issuerDomainPolicy: string; subjectDomainPolicy: string }> {
  const mappings = children(value, readOnly(value, tags.sequence, 'policyMappings')).map((pair) => {
    const [issuer, subject, extra] = children(value, pair);
    if (pair.tag !== tags.sequence || issuer?.tag !== tags.oid || subject?.tag !== tags.oid || extra) throw malformed('PolicyMapping');
    return { issuerDomainPolicy: decodeOid(content(value, issuer)), subjectDomainPolicy: decodeOid(content(value, subject)) };
  });
  if (mappings.length === 0) throw malformed('empty policyMappings');
  return mappings;
}

export type PolicyConstraints = { requireExplicitPolicy: number | undefined; inhibitPolicyMapping: number | undefined };

/**
 * `PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
 * inhibitPolicyMapping [1] SkipCerts OPTIONAL }` (§4.2.1.11), which MUST NOT be empty.
 */
export function readPolicyConstraints(value: Uint8Array): PolicyConstraints {
  const fields = children(value, readOnly(value, tags.sequence, 'policyConstraints'));
  if (fields.length === 0) throw malformed('empty policyConstraints');
  const result: PolicyConstraints = { requireExplicitPolicy: undefined, inhibitPolicyMapping: undefined };
  let last = -1;
  for (const field of fields) {
    const which = field.tag === 0x80 ? 0 : field.tag === 0x81 ? 1 : -1;
    if (which <= last) throw malformed('policyConstraints field');
    last = which;
    const skipCerts = decodeSmallInteger(content(value, field), 'SkipCerts');
    if (which === 0) result.requireExplicitPolicy = skipCerts;
    else result.inhibitPolicyMapping = skipCerts;
  }
  return result;
}

/** `InhibitAnyPolicy ::= SkipCerts` (§4.2.1.14). */
export function readInhibitAnyPolicy(value: Uint8Array): number {
  return decodeSmallInteger(content(value, readOnly(value, tags.integer, 'inhibitAnyPolicy')), 'SkipCerts');
}
