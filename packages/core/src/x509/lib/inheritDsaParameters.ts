import type { ParsedCert } from '../parseCertificate.js';
import { readAlgorithmIdentifier } from './algorithm.js';
import { sameName } from './compareNames.js';
import { children, readOnly, tags, whole } from './der.js';
import { oids } from './oids.js';
import { verifySignature } from './verifySignature.js';

/**
 * RFC 5280 §6.1.3 (a)(1), §6.1.4 (d)–(f): a DSA key may leave out its domain parameters and
 * inherit its issuer's (RFC 3279 §2.3.2). For each certificate of `certificates` whose DSA key
 * has none, a copy whose key carries the parameters of a CA in `pool` that is named as its issuer
 * and whose key (with those parameters) verifies its signature — the working_public_key the
 * path needs. Other certificates come back as they are.
 */
export function inheritDsaParameters(certificates: readonly ParsedCert[], pool: readonly ParsedCert[]): ParsedCert[] {
  return certificates.map((cert) => {
    const own = dsaKey(cert.spkiDer);
    if (!own || own.parameters) return cert;
    for (const issuer of pool) {
      const issuerKey = dsaKey(issuer.spkiDer);
      if (!issuerKey?.parameters || !sameName(issuer.subjectDer, cert.issuerDer)) continue;
      if (verifySignature(cert.signatureAlgorithm, cert.tbs, cert.signatureValue, issuer.spkiDer, { allowDsa: true }).status !== 'valid') continue;
      return { ...cert, spkiDer: spki(issuerKey.parameters, own.publicKey) };
    }
    return cert;
  });
}

function dsaKey(spkiDer: Uint8Array): { parameters: Uint8Array | undefined; publicKey: Uint8Array } | undefined {
  try {
    return readDsaKey(spkiDer);
  } catch {
    return undefined; // not a key this can read: it stays as it is, and its signature checks will say so
  }
}

function readDsaKey(spkiDer: Uint8Array): { parameters: Uint8Array | undefined; publicKey: Uint8Array } | undefined {
  const [algorithmTlv, keyTlv] = children(spkiDer, readOnly(spkiDer, tags.sequence, 'SubjectPublicKeyInfo'));
  if (!algorithmTlv || !keyTlv) return undefined;
  const algorithm = readAlgorithmIdentifier(spkiDer, algorithmTlv);
  if (algorithm.oid !== oids.dsa) return undefined;
  return { parameters: algorithm.parameters?.[0] === tags.sequence ? algorithm.parameters : undefined, publicKey: whole(spkiDer, keyTlv) };
}

function spki(parameters: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const algorithm = tlv(tags.sequence, Buffer.concat([Buffer.from([tags.oid, 7, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01]), parameters]));
  return new Uint8Array(tlv(tags.sequence, Buffer.concat([algorithm, publicKey])));
}

function tlv(tag: number, body: Buffer): Buffer {
  const length = body.length;
  const header = length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : length < 0x10000 ? [0x82, length >> 8, length & 0xff] : [0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
}
