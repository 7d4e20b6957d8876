import * as asn1js from 'asn1js';
import { GcisError } from '../../errors.js';

/**
 * CKM_ECDSA gives r ‖ s, each as long as the group order (PKCS#11 v2.40 curr. mech. §2.3.1);
 * CMS carries ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3, RFC 5753 §7.2).
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new GcisError('ERR_PKCS11_MODULE', `The token returned a malformed ECDSA signature (${raw.length} bytes)`);
  }
  const half = raw.length / 2;
  const sequence = new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] });
  return new Uint8Array(sequence.toBER());
}

/** A non-negative INTEGER in minimal two's complement: no leading zeros, one 0x00 if the top bit is set. */
function integer(unsigned: Uint8Array): asn1js.Integer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const magnitude = unsigned.subarray(start);
  const content = (magnitude[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.alloc(1), magnitude]) : Buffer.from(magnitude);
  return new asn1js.Integer({ valueHex: content });
}
