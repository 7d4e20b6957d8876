import { isGcisError } from '../../../errors.js';
import { readGeneralNamesValue, type GeneralName } from '../generalNames.js';
import { oids } from '../oids.js';
import { describe } from '../result.js';
import { violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.2.1.6](https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.6): subjectAltName,
 * when present, is a non-empty GeneralNames whose every entry is well formed; a certificate with
 * an empty subject MUST carry it, marked critical (the SAN is then its only name).
 */
export const checkSubjectAltName: ProfileCheck = (cert) => {
  const extension = cert.extensions.find((e) => e.oid === oids.subjectAltName);
  if (cert.subjectDer.length === 2 && !extension?.critical) {
    return violation('subject-alt-name', `${describe(cert)} has an empty subject and ${extension ? 'a non-critical' : 'no'} subjectAltName.`);
  }
  if (!extension) return undefined;
  const problem = generalNamesProblem(extension.value);
  return problem ? violation('subject-alt-name', `${describe(cert)} has a malformed subjectAltName: ${problem}.`) : undefined;
};

/**
 * What is wrong with a GeneralNames beyond its structure (which readGeneralNamesValue checks):
 * an empty or space-holding DNS name, e-mail address or URI (§4.2.1.6: " " MUST NOT be used),
 * an iPAddress that is neither IPv4 nor IPv6 (4 or 16 octets in a SAN).
 */
function generalNamesProblem(value: Uint8Array): string | undefined {
  let names: GeneralName[];
  try {
    names = readGeneralNamesValue(value);
  } catch (error) {
    if (isGcisError(error, 'ERR_INVALID_INPUT')) return 'not well-formed GeneralNames';
    throw error;
  }
  for (const name of names) {
    if ((name.type === 'dns' || name.type === 'rfc822' || name.type === 'uri') && !/^[\x21-\x7e]+$/.test(name.value)) return `an empty or space-holding ${name.type} name`;
    if (name.type === 'ip' && name.value.length !== 4 && name.value.length !== 16) return `an iPAddress of ${name.value.length} octets`;
  }
  return undefined;
}
