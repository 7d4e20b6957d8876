import { GcisError } from '../../../errors.js';
import { readAlgorithmIdentifier } from '../algorithm.js';
import { children, content, decodeOid, readOnly, tags } from '../der.js';
import { oids } from '../oids.js';
import { describe } from '../result.js';
import { violation, type ProfileCheck, type ProfileViolation } from './types.js';

/** Named curves by OID with their size in bits (RFC 5480 §2.1.1.1). */
const curveBitsByOid: Record<string, number> = { '1.3.132.0.33': 224, '1.2.840.10045.3.1.7': 256, '1.3.132.0.34': 384, '1.3.132.0.35': 521 };

/**
 * The subject public key ([RFC 5280 §4.1.2.7](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7)):
 * an EC key names its curve — [RFC 5480 §2.1.1](https://www.rfc-editor.org/rfc/rfc5480#section-2.1.1)
 * forbids implicitCurve and specifiedCurve (explicit parameters can describe a weak or forged
 * curve) — and RSA and EC keys are at least `minimumKeyBits` (default 2048 and 256: NIST SP 800-57).
 * Other key types are left to the signature check.
 */
export const checkPublicKey: ProfileCheck = (cert, { minimumKeyBits }) => {
  try {
    const spki = cert.spkiDer;
    const [algorithmTlv, keyTlv] = children(spki, readOnly(spki, tags.sequence, 'SubjectPublicKeyInfo'));
    if (!algorithmTlv || keyTlv?.tag !== tags.bitString) return malformedKey(cert);
    const algorithm = readAlgorithmIdentifier(spki, algorithmTlv);
    if (algorithm.oid === oids.ecPublicKey) {
      const parameters = algorithm.parameters;
      if (parameters?.[0] !== tags.oid) return violation('ec-explicit-parameters', `${describe(cert)} has an EC key without a named curve.`);
      const bits = curveBitsByOid[decodeOid(content(parameters, readOnly(parameters, tags.oid, 'namedCurve')))];
      if (bits === undefined || bits < minimumKeyBits.ec) return violation('key-size', `${describe(cert)} has an EC key on a curve under ${minimumKeyBits.ec} bits or not a NIST curve.`);
      return undefined;
    }
    if (algorithm.oid === oids.rsaEncryption || algorithm.oid === oids.rsassaPss) {
      const bits = rsaModulusBits(content(spki, keyTlv));
      if (bits < minimumKeyBits.rsa) return violation('key-size', `${describe(cert)} has a ${bits}-bit RSA key (at least ${minimumKeyBits.rsa}).`);
    }
    return undefined;
  } catch (error) {
    if (error instanceof GcisError) return malformedKey(cert);
    throw error;
  }
};

/** `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` inside the BIT STRING (RFC 8017 A.1.1). */
function rsaModulusBits(bitString: Uint8Array): number {
  const key = bitString.subarray(1);
  const [modulus] = children(key, readOnly(key, tags.sequence, 'RSAPublicKey'));
  if (modulus?.tag !== tags.integer) return 0;
  const bytes = content(key, modulus);
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start) * 8 - Math.clz32(bytes[start]!) + 24;
}

const malformedKey = (cert: Parameters<ProfileCheck>[0]): ProfileViolation => violation('key-size', `${describe(cert)} has a public key that cannot be read.`);
