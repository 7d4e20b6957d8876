import { oids } from '../oids.js';
import { describe } from '../result.js';
import { isV1Anchor, violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.2.1.9](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.9): a CA whose key
 * verifies certificates MUST carry basicConstraints, marked critical — trust anchors with v3
 * extensions included. (cA=FALSE on an issuer is §6.1.4 (k), checked with the path rules.)
 * Criticality is its own rule, 'ca-basic-constraints-critical': §6.1 does not need it, and NIST
 * PKITS 4.6.4 expects a path through a non-critical one to validate.
 */
export const checkCaBasicConstraints: ProfileCheck = (cert, context) => {
  if (context.role === 'leaf' || isV1Anchor(cert, context)) return undefined;
  const extension = cert.extensions.find((e) => e.oid === oids.basicConstraints);
  if (!extension) return violation('ca-basic-constraints', `${describe(cert)} issues certificates but has no basicConstraints extension.`);
  if (!extension.critical) return violation('ca-basic-constraints-critical', `${describe(cert)} is a CA whose basicConstraints is not critical.`);
  return undefined;
};
