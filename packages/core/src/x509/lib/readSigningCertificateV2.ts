import { readAlgorithmIdentifier } from './algorithm.js';
import { children, content, malformed, readOnly, tags } from './der.js';
import { oids } from './oids.js';
import { serialHexFromInteger } from './serial.js';

/** The first ESSCertIDv2: the one naming the signer's own certificate (RFC 5035 §3). */
export type EssCertIdV2 = { hashOid: string; certHash: Uint8Array; serialHex: string | undefined };

/**
 * Reads `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … OPTIONAL }`
 * with `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256, certHash OCTET STRING,
 * issuerSerial IssuerSerial OPTIONAL }` (RFC 5035 §4). Throws ERR_INVALID_INPUT when malformed.
 */
export function readSigningCertificateV2(value: Uint8Array): EssCertIdV2 {
  const [certs] = children(value, readOnly(value, tags.sequence, 'SigningCertificateV2'));
  if (certs?.tag !== tags.sequence) throw malformed('SigningCertificateV2 certs');
  const [first] = children(value, certs);
  if (first?.tag !== tags.sequence) throw malformed('SigningCertificateV2 has no ESSCertIDv2');
  const fields = children(value, first);
  const hashAlgorithm = fields[0]?.tag === tags.sequence ? fields.shift() : undefined;
  const [certHash, issuerSerial, extra] = fields;
  if (certHash?.tag !== tags.octetString || extra || (issuerSerial && issuerSerial.tag !== tags.sequence)) throw malformed('ESSCertIDv2');
  let serialHex: string | undefined;
  if (issuerSerial) {
    const [, serial] = children(value, issuerSerial);
    if (serial?.tag !== tags.integer) throw malformed('ESSCertIDv2 issuerSerial');
    serialHex = serialHexFromInteger(value, serial.contentStart, serial.end);
  }
  return {
    hashOid: hashAlgorithm ? readAlgorithmIdentifier(value, hashAlgorithm).oid : oids.sha256,
    certHash: content(value, certHash),
    serialHex,
  };
}
