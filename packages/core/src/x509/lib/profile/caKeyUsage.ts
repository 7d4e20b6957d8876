import { describe } from '../result.js';
import { isV1Anchor, violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.2.1.3](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.3): a CA whose key
 * verifies certificates MUST carry keyUsage, and keyCertSign MUST come with cA=TRUE;
 * [§4.2.1.9](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.9): pathLenConstraint only
 * with cA=TRUE and keyCertSign.
 */
export const checkCaKeyUsage: ProfileCheck = (cert, context) => {
  if (context.role !== 'leaf' && !isV1Anchor(cert, context) && !cert.keyUsage) {
    return violation('ca-key-usage', `${describe(cert)} issues certificates but has no keyUsage extension.`);
  }
  const cA = cert.basicConstraints?.cA === true;
  if (cert.keyUsage?.has('keyCertSign') && !cA) return violation('ca-key-usage', `${describe(cert)} asserts keyCertSign without cA=TRUE.`);
  if (cert.basicConstraints?.pathLenConstraint !== undefined && !(cA && (!cert.keyUsage || cert.keyUsage.has('keyCertSign')))) {
    return violation('ca-key-usage', `${describe(cert)} has a pathLenConstraint but is not a certificate-signing CA.`);
  }
  return undefined;
};
