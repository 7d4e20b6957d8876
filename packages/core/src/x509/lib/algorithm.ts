import { children, content, decodeOid, malformed, tags, whole, type Tlv } from './der.js';

/** An AlgorithmIdentifier (RFC 5280 §4.1.1.2): its OID and the DER of its parameters, if any. */
export type AlgorithmIdentifier = { oid: string; parameters: Uint8Array | undefined; der: Uint8Array };

export function readAlgorithmIdentifier(bytes: Uint8Array, tlv: Tlv): AlgorithmIdentifier {
  const [algorithm, parameters, extra] = children(bytes, tlv);
  if (tlv.tag !== tags.sequence || algorithm?.tag !== tags.oid || extra) throw malformed('AlgorithmIdentifier');
  return {
    oid: decodeOid(content(bytes, algorithm)),
    parameters: parameters && whole(bytes, parameters),
    der: whole(bytes, tlv),
  };
}
