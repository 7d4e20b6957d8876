import { GcisError } from '../errors.js';
import { children, content, decodeOid, malformed, readOnly, tags } from './lib/der.js';
import { readName } from './lib/formatName.js';
import { oids } from './lib/oids.js';
import { decodeDirectoryString } from './lib/strings.js';
import { parseCertificate, type ParsedCert } from './parseCertificate.js';

/** Who a MOICA citizen certificate (自然人憑證) names. */
export type MoicaIdentity = {
  /** Subject CN, e.g. 王小明. */
  name: string;
  /** Subject serialNumber (2.5.4.5), 16 characters in the MOICA profile. */
  serialNumber: string;
  /** Last 4 digits of the national ID, from Subject Directory Attributes. */
  idLast4: string;
  /** Issuer DN, RFC 4514. */
  issuer: string;
  serialHex: string;
  thumbprintSha256: string;
};

/**
 * Reads the MOICA profile fields of a citizen certificate: subject `C=TW, CN=<name>,
 * serialNumber=<16 chars>` and, in Subject Directory Attributes (RFC 5280 §4.2.1.8,
 * `SEQUENCE OF Attribute`), attribute 2.16.886.1.100.2.51 whose single value is a string of
 * the 4 last digits of the national ID. Throws `ERR_INVALID_INPUT` when a field is missing:
 * such a certificate is not a citizen certificate. Does not validate the certificate — call
 * verifyCertificatePath first; look accounts up by issuer + serial or thumbprint, not name.
 */
export function parseMoicaIdentity(certificate: Uint8Array | ParsedCert): MoicaIdentity {
  const cert = certificate instanceof Uint8Array ? parseCertificate(certificate) : certificate;
  const subject = readName(cert.subjectDer).flat();
  const attribute = (oid: string, what: string) => {
    const found = subject.filter((a) => a.oid === oid);
    if (found.length !== 1 || found[0]!.text === undefined) throw notMoica(`one subject ${what}`);
    return found[0]!.text;
  };
  return {
    name: attribute(oids.commonName, 'CN'),
    serialNumber: attribute(oids.serialNumber, 'serialNumber'),
    idLast4: readIdLast4(cert),
    issuer: cert.issuer,
    serialHex: cert.serialHex,
    thumbprintSha256: cert.thumbprintSha256,
  };
}

function readIdLast4(cert: ParsedCert): string {
  const extension = cert.extensions.find((e) => e.oid === oids.subjectDirectoryAttributes);
  if (!extension) throw notMoica('Subject Directory Attributes');
  const value = extension.value;
  for (const attribute of children(value, readOnly(value, tags.sequence, 'SubjectDirectoryAttributes'))) {
    // Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF AttributeValue }
    const [type, values] = children(value, attribute);
    if (attribute.tag !== tags.sequence || type?.tag !== tags.oid || values?.tag !== tags.set) throw malformed('Attribute');
    if (decodeOid(content(value, type)) !== oids.moicaIdLast4) continue;
    const [first] = children(value, values);
    const text = first && decodeDirectoryString(first.tag, content(value, first));
    if (text === undefined || !/^\d{4}$/.test(text)) throw notMoica('4 digits in attribute 2.16.886.1.100.2.51');
    return text;
  }
  throw notMoica('attribute 2.16.886.1.100.2.51');
}

const notMoica = (what: string) => new GcisError('ERR_INVALID_INPUT', `Not a MOICA citizen certificate: it lacks ${what}.`);
