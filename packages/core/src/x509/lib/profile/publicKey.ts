import { isGcisError } from '../../../errors.js';
import { readAlgorithmIdentifier } from '../algorithm.js';
import { children, content, decodeOid, readOnly, tags } from '../der.js';
import { oids } from '../oids.js';
import { describe } from '../result.js';
import { violation, type ProfileCheck } from './types.js';

/** Named curves by OID with their size in bits (RFC 5480 §2.1.1.1). */
const curveBitsByOid: Record<string, number> = { '1.3.132.0.33': 224, '1.2.840.10045.3.1.7': 256, '1.3.132.0.34': 384, '1.3.132.0.35': 521 };

/** What the profile needs of a key: its kind and size (0 for a curve that is not a NIST one). */
type KeyInfo = { kind: 'rsa' | 'ec'; bits: number } | { kind: 'ec-explicit' | 'other' | 'unreadable' };

/**
 * The subject public key ([RFC 5280 §4.1.2.7](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7)):
 * an EC key names its curve — [RFC 5480 §2.1.1](https://www.rfc-editor.org/rfc/rfc5480#section-2.1.1)
 * forbids implicitCurve and specifiedCurve (explicit parameters can describe a weak or forged
 * curve) — and RSA and EC keys are at least `minimumKeyBits` (default 2048 and 256: NIST SP 800-57).
 * Other key types are left to the signature check.
 */
export const checkPublicKey: ProfileCheck = (cert, { minimumKeyBits }) => {
  const key = keyInfo(cert.spkiDer);
  if (key.kind === 'ec-explicit') return violation('ec-explicit-parameters', `${describe(cert)} has an EC key without a named curve.`);
  if (key.kind === 'unreadable') return violation('key-size', `${describe(cert)} has a public key that cannot be read.`);
  if (key.kind === 'ec' && key.bits < minimumKeyBits.ec) return violation('key-size', `${describe(cert)} has an EC key on a curve under ${minimumKeyBits.ec} bits or not a NIST curve.`);
  if (key.kind === 'rsa' && key.bits < minimumKeyBits.rsa) return violation('key-size', `${describe(cert)} has a ${key.bits}-bit RSA key (at least ${minimumKeyBits.rsa}).`);
  return undefined;
};

/** Read once per SPKI buffer: a server's CAs are parsed once and checked on every login. */
const known = new WeakMap<Uint8Array, KeyInfo>();

function keyInfo(spki: Uint8Array): KeyInfo {
  let info = known.get(spki);
  if (!info) {
    try {
      info = readKeyInfo(spki);
    } catch (error) {
      if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
      info = { kind: 'unreadable' };
    }
    known.set(spki, info);
  }
  return info;
}

function readKeyInfo(spki: Uint8Array): KeyInfo {
  const [algorithmTlv, keyTlv] = children(spki, readOnly(spki, tags.sequence, 'SubjectPublicKeyInfo'));
  if (!algorithmTlv || keyTlv?.tag !== tags.bitString) return { kind: 'unreadable' };
  const algorithm = readAlgorithmIdentifier(spki, algorithmTlv);
  if (algorithm.oid === oids.ecPublicKey) {
    const parameters = algorithm.parameters;
    if (parameters?.[0] !== tags.oid) return { kind: 'ec-explicit' };
    return { kind: 'ec', bits: curveBitsByOid[decodeOid(content(parameters, readOnly(parameters, tags.oid, 'namedCurve')))] ?? 0 };
  }
  if (algorithm.oid === oids.rsaEncryption || algorithm.oid === oids.rsassaPss) return { kind: 'rsa', bits: rsaModulusBits(content(spki, keyTlv)) };
  return { kind: 'other' };
}

/** `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` inside the BIT STRING (RFC 8017 A.1.1). */
function rsaModulusBits(bitString: Uint8Array): number {
  const key = bitString.subarray(1);
  const [modulus] = children(key, readOnly(key, tags.sequence, 'RSAPublicKey'));
  if (modulus?.tag !== tags.integer) return 0;
  const bytes = content(key, modulus);
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + 32 - Math.clz32(bytes[start]!);
}
