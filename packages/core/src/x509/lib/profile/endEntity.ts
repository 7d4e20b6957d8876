import { describe } from '../result.js';
import { violation, type ProfileCheck } from './types.js';

/**
 * With `requireEndEntity` (login): the leaf is an end entity — not cA=TRUE
 * ([RFC 5280 §4.2.1.9](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.9)) and without
 * keyCertSign ([§4.2.1.3](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.3)): a CA key
 * signing a login would let anyone holding a CA's certificate log in as the CA.
 */
export const checkEndEntity: ProfileCheck = (cert, { role, requireEndEntity }) => {
  if (role !== 'leaf' || !requireEndEntity) return undefined;
  if (cert.basicConstraints?.cA) return violation('end-entity-is-ca', `${describe(cert)} is a CA certificate (cA=TRUE), not an end entity.`);
  if (cert.keyUsage?.has('keyCertSign')) return violation('end-entity-is-ca', `${describe(cert)} may sign certificates (keyCertSign), so it is not an end entity.`);
  return undefined;
};
