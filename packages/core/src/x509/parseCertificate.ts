import { createHash } from 'node:crypto';
import { GcisError } from '../errors.js';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './lib/algorithm.js';
import { children, content, contextTag, decodeSmallInteger, equalBytes, malformed, readOnly, tags, whole } from './lib/der.js';
import {
  assertUniqueExtensions,
  readBasicConstraints,
  readExtensions,
  readKeyUsage,
  type BasicConstraints,
  type CertExtension,
  type KeyUsage,
} from './lib/extensions.js';
import { formatName } from './lib/formatName.js';
import { readAuthorityKeyIdentifier, readSubjectKeyIdentifier } from './lib/keyIdentifiers.js';
import { oids } from './lib/oids.js';
import { serialHexFromInteger } from './lib/serial.js';
import { decodeTime } from './lib/time.js';

export type { AlgorithmIdentifier, BasicConstraints, CertExtension, KeyUsage };

/** A certificate read once, with the fields path validation needs as plain data and raw DER slices. */
export type ParsedCert = {
  readonly der: Uint8Array;
  /** The signed bytes (tbsCertificate), exactly as received. */
  readonly tbs: Uint8Array;
  readonly version: 1 | 2 | 3;
  /** Lowercase hex without leading zero bytes, as `openssl x509 -serial` prints it. */
  readonly serialHex: string;
  /** The serialNumber INTEGER's content octets as encoded (two's complement), for the §4.1.2.2 profile check. */
  readonly serialBytes: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
  readonly issuerDer: Uint8Array;
  /** RFC 4514 string, for display only — names are compared as DER. */
  readonly issuer: string;
  readonly subjectDer: Uint8Array;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spkiDer: Uint8Array;
  readonly extensions: readonly CertExtension[];
  readonly basicConstraints: BasicConstraints | undefined;
  readonly keyUsage: ReadonlySet<KeyUsage> | undefined;
  /** subjectKeyIdentifier (§4.2.1.2) and the keyIdentifier of authorityKeyIdentifier (§4.2.1.1): path building prefers issuers whose SKI is the child's AKI. */
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  readonly thumbprintSha256: string;
};

/**
 * Reads an X.509 certificate (RFC 5280 §4.1) from DER. Throws `ERR_INVALID_INPUT` on anything
 * malformed: bad DER, trailing bytes, inner and outer signature algorithms that differ
 * (§4.1.1.2), a repeated extension (§4.2), or an unparsable basicConstraints / keyUsage.
 */
export function parseCertificate(input: Uint8Array): ParsedCert {
  const der = new Uint8Array(input); // a private copy: callers may reuse their buffer
  try {
    const certificate = readOnly(der, tags.sequence, 'Certificate');
    const [tbsTlv, algorithmTlv, signatureTlv, extra] = children(der, certificate);
    if (!tbsTlv || tbsTlv.tag !== tags.sequence || !algorithmTlv || signatureTlv?.tag !== tags.bitString || extra) {
      throw malformed('Certificate');
    }
    const fields = children(der, tbsTlv);
    const versionTlv = fields[0]?.tag === contextTag(0) ? fields.shift() : undefined;
    const [serial, innerAlgorithm, issuer, validity, subject, spki, ...rest] = fields;
    if (serial?.tag !== tags.integer || !innerAlgorithm || issuer?.tag !== tags.sequence || validity?.tag !== tags.sequence || subject?.tag !== tags.sequence || spki?.tag !== tags.sequence) {
      throw malformed('TBSCertificate');
    }
    const version = versionTlv ? readVersion(der, versionTlv) : 1;
    const signatureAlgorithm = readAlgorithmIdentifier(der, algorithmTlv);
    if (!equalBytes(readAlgorithmIdentifier(der, innerAlgorithm).der, signatureAlgorithm.der)) {
      throw malformed('tbsCertificate.signature differs from signatureAlgorithm');
    }
    const [notBefore, notAfter, extraTime] = children(der, validity);
    if (!notBefore || !notAfter || extraTime) throw malformed('Validity');
    const extensions = readOptionalExtensions(der, rest, version);
    const signatureBits = content(der, signatureTlv);
    if (signatureBits.length === 0) throw malformed('empty signature BIT STRING');
    const basicConstraints = extensions.find((e) => e.oid === oids.basicConstraints);
    const keyUsage = extensions.find((e) => e.oid === oids.keyUsage);
    const ski = extensions.find((e) => e.oid === oids.subjectKeyIdentifier);
    const aki = extensions.find((e) => e.oid === oids.authorityKeyIdentifier);
    return {
      der,
      tbs: whole(der, tbsTlv),
      version,
      serialHex: serialHexFromInteger(der, serial.contentStart, serial.end),
      serialBytes: content(der, serial),
      signatureAlgorithm,
      // Signatures are whole octets: one with unused bits is kept empty, which can only verify as invalid.
      signatureValue: signatureBits[0] === 0 ? signatureBits.subarray(1) : new Uint8Array(0),
      issuerDer: whole(der, issuer),
      issuer: formatName(whole(der, issuer)),
      subjectDer: whole(der, subject),
      subject: formatName(whole(der, subject)),
      notBefore: decodeTime(der, notBefore),
      notAfter: decodeTime(der, notAfter),
      spkiDer: whole(der, spki),
      extensions,
      basicConstraints: basicConstraints && readBasicConstraints(basicConstraints.value),
      keyUsage: keyUsage && readKeyUsage(keyUsage.value),
      subjectKeyIdentifier: ski && readSubjectKeyIdentifier(ski.value),
      authorityKeyIdentifier: aki && readAuthorityKeyIdentifier(aki.value),
      thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    };
  } catch (cause) {
    if (cause instanceof GcisError) throw cause;
    throw new GcisError('ERR_INVALID_INPUT', 'Malformed certificate.', { cause });
  }
}

function readVersion(der: Uint8Array, tlv: { contentStart: number; end: number }): 1 | 2 | 3 {
  const inner = readOnly(der.subarray(tlv.contentStart, tlv.end), tags.integer, 'version');
  const value = decodeSmallInteger(content(der.subarray(tlv.contentStart, tlv.end), inner), 'version');
  if (value > 2) throw malformed('version');
  return (value + 1) as 1 | 2 | 3;
}

/** issuerUniqueID [1], subjectUniqueID [2], then extensions [3] (v3 only). */
function readOptionalExtensions(der: Uint8Array, rest: ReturnType<typeof children>, version: number): CertExtension[] {
  let index = 0;
  if (rest[index]?.tag === contextTag(1, false)) index++;
  if (rest[index]?.tag === contextTag(2, false)) index++;
  const wrapper = rest[index];
  if (!wrapper) return [];
  if (wrapper.tag !== contextTag(3) || version !== 3 || index + 1 !== rest.length) throw malformed('TBSCertificate tail');
  const [sequence, extra] = children(der, wrapper);
  if (!sequence || extra) throw malformed('extensions');
  const extensions = readExtensions(der, sequence);
  assertUniqueExtensions(extensions);
  return extensions;
}
