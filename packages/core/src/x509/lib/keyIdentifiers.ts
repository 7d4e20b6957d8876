import { children, content, contextTag, readOnly, tags } from './der.js';

/** `SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING)`, RFC 5280 §4.2.1.2. */
export function readSubjectKeyIdentifier(value: Uint8Array): Uint8Array {
  return content(value, readOnly(value, tags.octetString, 'subjectKeyIdentifier'));
}

/**
 * The keyIdentifier [0] of `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT
 * OCTET STRING OPTIONAL, authorityCertIssuer [1], authorityCertSerialNumber [2] }` (RFC 5280
 * §4.2.1.1), or undefined when the extension names the issuer only by name and serial.
 */
export function readAuthorityKeyIdentifier(value: Uint8Array): Uint8Array | undefined {
  const first = children(value, readOnly(value, tags.sequence, 'authorityKeyIdentifier'))[0];
  return first?.tag === contextTag(0, false) ? content(value, first) : undefined;
}
