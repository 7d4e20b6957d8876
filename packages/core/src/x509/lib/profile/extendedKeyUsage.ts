import { GcisError } from '../../../errors.js';
import { children, content, decodeOid, readOnly, tags } from '../der.js';
import { oids } from '../oids.js';
import { describe } from '../result.js';
import { violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.2.1.12](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.12):
 * `ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId` — an empty or malformed list
 * allows nothing anyone could rely on.
 */
export const checkExtendedKeyUsage: ProfileCheck = (cert) => {
  const extension = cert.extensions.find((e) => e.oid === oids.extKeyUsage);
  if (!extension) return undefined;
  try {
    const purposes = children(extension.value, readOnly(extension.value, tags.sequence, 'ExtKeyUsageSyntax'));
    if (purposes.length === 0) return violation('extended-key-usage', `${describe(cert)} has an empty extKeyUsage.`);
    for (const purpose of purposes) {
      if (purpose.tag !== tags.oid) return violation('extended-key-usage', `${describe(cert)} has an extKeyUsage entry that is not an OID.`);
      decodeOid(content(extension.value, purpose));
    }
    return undefined;
  } catch (error) {
    if (error instanceof GcisError) return violation('extended-key-usage', `${describe(cert)} has a malformed extKeyUsage.`);
    throw error;
  }
};
