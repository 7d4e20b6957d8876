import { describe } from '../result.js';
import { actsAsCa, violation, type ProfileCheck } from './types.js';

/** DER of an empty Name: SEQUENCE {}. */
const isEmptyName = (der: Uint8Array) => der.length === 2;

/** [RFC 5280 §4.1.2.4](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.4): the issuer field MUST be a non-empty name. */
export const checkIssuerName: ProfileCheck = (cert) =>
  isEmptyName(cert.issuerDer) ? violation('issuer-name-empty', `${describe(cert)} has an empty issuer name.`) : undefined;

/** [RFC 5280 §4.1.2.6](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.6): a CA's subject MUST be a non-empty name (it is the next issuer name). */
export const checkCaSubject: ProfileCheck = (cert, context) =>
  actsAsCa(cert, context) && isEmptyName(cert.subjectDer)
    ? violation('ca-subject-empty', 'A CA certificate has an empty subject name.')
    : undefined;
