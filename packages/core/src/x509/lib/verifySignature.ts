import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { AlgorithmIdentifier } from './algorithm.js';
import { readAlgorithmIdentifier } from './algorithm.js';
import { children, contextTag, decodeOid, decodeSmallInteger, content, readOnly, tags } from './der.js';
import { oids } from './oids.js';

export type SignatureCheck = { status: 'valid' | 'invalid' } | { status: 'unsupported'; reason: string };

const rsaHashes: Record<string, string> = {
  [oids.sha256WithRSA]: 'sha256',
  [oids.sha384WithRSA]: 'sha384',
  [oids.sha512WithRSA]: 'sha512',
};
const ecdsaHashes: Record<string, string> = {
  [oids.ecdsaWithSHA256]: 'sha256',
  [oids.ecdsaWithSHA384]: 'sha384',
  [oids.ecdsaWithSHA512]: 'sha512',
};
/** DSA (FIPS 186): accepted only when the caller asks, for legacy PKIs and NIST PKITS §4.1.4–4.1.6. */
const dsaHashes: Record<string, string> = {
  [oids.dsaWithSHA1]: 'sha1',
  [oids.dsaWithSHA256]: 'sha256',
};
export const isDsaAlgorithm = (algorithm: AlgorithmIdentifier) => dsaHashes[algorithm.oid] !== undefined;
const digestOids: Record<string, string> = { [oids.sha256]: 'sha256', [oids.sha384]: 'sha384', [oids.sha512]: 'sha512' };
/** The NIST curves ECDSA is accepted on, by OpenSSL name, with their size in bits. */
export const curveBits: Readonly<Record<string, number>> = { secp224r1: 224, prime256v1: 256, secp384r1: 384, secp521r1: 521 };
/** Smallest keys accepted: RSA modulus bits and EC curve bits. */
export type KeyBits = { rsa: number; ec: number };
/** NIST SP 800-57 Part 1: 2048-bit RSA and P-256 from 2011 (MOICA cards are RSA-2048); callers may lower them. */
export const defaultMinimumKeyBits: KeyBits = { rsa: 2048, ec: 256 };

/**
 * Checks `signature` over `data` with the key in `spkiDer`: RSA PKCS#1 v1.5 and RSASSA-PSS with
 * SHA-2 (RFC 4055), ECDSA on P-256/384/521 (RFC 5758), Ed25519 (RFC 8410). SHA-1 and small
 * keys are 'unsupported' rather than 'invalid' so the caller can say why. DSA (with SHA-1 or
 * SHA-256) only with `allowDsa`: SHA-1 signatures are forgeable and FIPS 186-5 withdrew DSA.
 */
export function verifySignature(
  algorithm: AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
  spkiDer: Uint8Array,
  { allowDsa = false, minimumBits = defaultMinimumKeyBits }: { allowDsa?: boolean; minimumBits?: KeyBits } = {},
): SignatureCheck {
  const key = publicKey(spkiDer);
  if (!key) return { status: 'unsupported', reason: 'the issuer public key cannot be read' };
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType;
  let check: () => boolean;
  if (rsaHashes[algorithm.oid] || algorithm.oid === oids.rsassaPss) {
    if (keyType !== 'rsa' && keyType !== 'rsa-pss') return { status: 'unsupported', reason: `an RSA signature needs an RSA key, not ${keyType}` };
    if ((details.modulusLength ?? 0) < minimumBits.rsa) return { status: 'unsupported', reason: `RSA keys under ${minimumBits.rsa} bits are refused` };
    const pss = algorithm.oid === oids.rsassaPss ? readPssParametersSafely(algorithm.parameters) : undefined;
    if (pss && 'reason' in pss) return { status: 'unsupported', reason: pss.reason };
    const hash = pss ? pss.hash : rsaHashes[algorithm.oid]!;
    const options = pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength } : key;
    check = () => verify(hash, data, options, signature);
  } else if (ecdsaHashes[algorithm.oid]) {
    if (keyType !== 'ec' || !((curveBits[details.namedCurve ?? ''] ?? 0) >= minimumBits.ec)) {
      return { status: 'unsupported', reason: `ECDSA needs a NIST curve of at least ${minimumBits.ec} bits` };
    }
    check = () => verify(ecdsaHashes[algorithm.oid]!, data, key, signature);
  } else if (dsaHashes[algorithm.oid] && allowDsa) {
    if (keyType !== 'dsa') return { status: 'unsupported', reason: `a DSA signature needs a DSA key, not ${keyType}` };
    check = () => verify(dsaHashes[algorithm.oid]!, data, key, signature);
  } else if (algorithm.oid === oids.ed25519 && keyType === 'ed25519') {
    check = () => verify(null, data, key, signature);
  } else {
    return { status: 'unsupported', reason: `signature algorithm ${algorithm.oid} is not accepted` };
  }
  try {
    return { status: check() ? 'valid' : 'invalid' };
  } catch {
    // OpenSSL throws rather than returning false for a signature that is not even well-formed
    // (an ECDSA value that is not DER, an RSA value longer than the modulus): still just invalid.
    return { status: 'invalid' };
  }
}

/**
 * Importing an SPKI costs more than an RSA verify with it (OpenSSL 3's decoders: ~150 µs against
 * ~7 µs for the same key as PKCS#1 and ~45 µs for the verify), so RSA keys are imported from the
 * RSAPublicKey inside the SPKI and EC keys as JWK, and every key is kept per SPKI buffer: a CA
 * parsed once by the server is imported once. Buffers are slices of a ParsedCert's private DER
 * copy, never written to; the WeakMap lets them go with their certificate.
 */
const importedKeys = new WeakMap<Uint8Array, KeyObject | null>();
const curves: Record<string, string> = { '1.3.132.0.33': 'P-224', '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

function publicKey(spkiDer: Uint8Array): KeyObject | null {
  let key = importedKeys.get(spkiDer);
  if (key === undefined) {
    try {
      key = importFast(spkiDer) ?? createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    importedKeys.set(spkiDer, key);
  }
  return key;
}

/** RSA (rsaEncryption) and named-curve EC keys by the fast routes; undefined sends anything else to the SPKI decoder. */
function importFast(spki: Uint8Array): KeyObject | undefined {
  const [algorithmTlv, bitString, extra] = children(spki, readOnly(spki, tags.sequence, 'SubjectPublicKeyInfo'));
  if (!algorithmTlv || bitString?.tag !== tags.bitString || extra) return undefined;
  const algorithm = readAlgorithmIdentifier(spki, algorithmTlv);
  const bits = content(spki, bitString);
  if (bits[0] !== 0) return undefined;
  const subjectPublicKey = Buffer.from(bits.buffer, bits.byteOffset + 1, bits.length - 1);
  if (algorithm.oid === oids.rsaEncryption) return createPublicKey({ key: subjectPublicKey, format: 'der', type: 'pkcs1' });
  const parameters = algorithm.parameters;
  if (algorithm.oid !== oids.ecPublicKey || parameters?.[0] !== tags.oid) return undefined;
  const crv = curves[decodeOid(content(parameters, readOnly(parameters, tags.oid, 'namedCurve')))];
  const half = (subjectPublicKey.length - 1) / 2;
  if (!crv || subjectPublicKey[0] !== 0x04 || !Number.isInteger(half)) return undefined; // compressed points: the decoder's job
  const coordinate = (from: number) => subjectPublicKey.subarray(from, from + half).toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv, x: coordinate(1), y: coordinate(1 + half) }, format: 'jwk' });
}

/** readPssParameters, with malformed parameters as a reason rather than a throw: they come from the certificate. */
function readPssParametersSafely(parameters: Uint8Array | undefined): ReturnType<typeof readPssParameters> {
  try {
    return readPssParameters(parameters);
  } catch {
    return { reason: 'the RSASSA-PSS parameters are malformed' };
  }
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1). Only SHA-2 with MGF1 over the same hash is accepted — the
 * defaults (SHA-1) are not, and node's verify takes one hash for both.
 */
function readPssParameters(parameters: Uint8Array | undefined): { hash: string; saltLength: number } | { reason: string } {
  if (!parameters) return { reason: 'RSASSA-PSS without parameters means SHA-1' };
  let hash: string | undefined;
  let mgfHash: string | undefined;
  let saltLength = 20;
  for (const field of children(parameters, readOnly(parameters, tags.sequence, 'RSASSA-PSS-params'))) {
    const [inner] = children(parameters, field);
    if (!inner) return { reason: 'empty RSASSA-PSS parameter' };
    if (field.tag === contextTag(0)) hash = digestOids[readAlgorithmIdentifier(parameters, inner).oid];
    else if (field.tag === contextTag(1)) {
      const mgf = readAlgorithmIdentifier(parameters, inner);
      const mgfParameters = mgf.parameters;
      if (mgf.oid !== oids.mgf1 || !mgfParameters) return { reason: 'RSASSA-PSS needs MGF1' };
      mgfHash = digestOids[readAlgorithmIdentifier(mgfParameters, readOnly(mgfParameters, tags.sequence, 'MGF1 hash')).oid];
    } else if (field.tag === contextTag(2)) saltLength = decodeSmallInteger(content(parameters, inner), 'saltLength');
    else if (field.tag === contextTag(3) && decodeSmallInteger(content(parameters, inner), 'trailerField') !== 1) return { reason: 'RSASSA-PSS trailer field must be 1' };
  }
  if (!hash || hash !== mgfHash) return { reason: 'RSASSA-PSS must use SHA-256/384/512 for both the digest and MGF1' };
  return { hash, saltLength };
}
