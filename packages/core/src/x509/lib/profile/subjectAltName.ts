import { GcisError } from '../../../errors.js';
import { children, content, decodeOid, readOnly, tags, type Tlv } from '../der.js';
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

/** What is wrong with a `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`, or undefined (§4.2.1.6). */
function generalNamesProblem(value: Uint8Array): string | undefined {
  try {
    const names = children(value, readOnly(value, tags.sequence, 'GeneralNames'));
    if (names.length === 0) return 'no names';
    for (const name of names) {
      const problem = generalNameProblem(value, name);
      if (problem) return problem;
    }
    return undefined;
  } catch (error) {
    if (error instanceof GcisError) return 'not DER';
    throw error;
  }
}

function generalNameProblem(bytes: Uint8Array, name: Tlv): string | undefined {
  const body = content(bytes, name);
  switch (name.tag) {
    case 0xa0: {
      // otherName: type-id OID, [0] EXPLICIT value
      const [typeId, inner, extra] = children(bytes, name);
      return typeId?.tag === tags.oid && inner?.tag === 0xa0 && !extra ? undefined : 'otherName';
    }
    case 0x81: // rfc822Name, dNSName, uniformResourceIdentifier: non-empty IA5String
    case 0x82:
    case 0x86:
      return body.length > 0 && body.every((byte) => byte > 0x20 && byte < 0x7f) ? undefined : 'a name that is not a non-empty IA5String without spaces';
    case 0xa3: // x400Address, ediPartyName: structures not interpreted here
    case 0xa5:
      return undefined;
    case 0xa4: {
      const [sequence, extra] = children(bytes, name);
      return sequence?.tag === tags.sequence && !extra ? undefined : 'directoryName';
    }
    case 0x87:
      return body.length === 4 || body.length === 16 ? undefined : `an iPAddress of ${body.length} octets`;
    case 0x88:
      decodeOid(body);
      return undefined;
    default:
      return `GeneralName tag 0x${name.tag.toString(16)}`;
  }
}
