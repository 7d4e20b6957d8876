import { equalBytes } from '../der.js';
import { oids } from '../oids.js';
import { describe } from '../result.js';
import { actsAsCa, isV1Anchor, violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.2.1.1](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.1): every certificate
 * below the anchor carries authorityKeyIdentifier with a keyIdentifier (a self-signed one may
 * leave it out), and it is never critical.
 */
export const checkAuthorityKeyIdentifier: ProfileCheck = (cert, { role, issuer }) => {
  const extension = cert.extensions.find((e) => e.oid === oids.authorityKeyIdentifier);
  if (extension?.critical) return violation('authority-key-identifier', `${describe(cert)} marks authorityKeyIdentifier critical.`);
  const selfSigned = issuer !== undefined && equalBytes(issuer.spkiDer, cert.spkiDer);
  if (role === 'anchor' || selfSigned || cert.authorityKeyIdentifier) return undefined;
  return violation('authority-key-identifier', `${describe(cert)} has no authorityKeyIdentifier keyIdentifier.`);
};

/**
 * [RFC 5280 §4.2.1.2](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.2): every CA
 * certificate carries subjectKeyIdentifier, and it is never critical.
 */
export const checkSubjectKeyIdentifier: ProfileCheck = (cert, context) => {
  const extension = cert.extensions.find((e) => e.oid === oids.subjectKeyIdentifier);
  if (extension?.critical) return violation('subject-key-identifier', `${describe(cert)} marks subjectKeyIdentifier critical.`);
  if (extension || !actsAsCa(cert, context) || isV1Anchor(cert, context)) return undefined;
  return violation('subject-key-identifier', `${describe(cert)} is a CA certificate without subjectKeyIdentifier.`);
};
