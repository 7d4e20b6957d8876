import { children, content, contextTag, malformed, readOnly, tags, type Tlv } from './der.js';
import { readName, type NameAttribute } from './formatName.js';
import { readGeneralNames, type GeneralName } from './generalNames.js';

/** `DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RelativeDistinguishedName }`. */
export type DistributionPointName = { fullName: GeneralName[] } | { relativeName: NameAttribute[] };

/** One entry of cRLDistributionPoints or freshestCRL (RFC 5280 §4.2.1.13). `reasons` is a ReasonFlags mask (reasonBit). */
export type DistributionPoint = { name: DistributionPointName | undefined; reasons: number | undefined; crlIssuer: GeneralName[] | undefined };

/** The issuingDistributionPoint CRL extension (§5.2.5). */
export type IssuingDistributionPoint = {
  name: DistributionPointName | undefined;
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  onlySomeReasons: number | undefined;
  indirectCrl: boolean;
  onlyContainsAttributeCerts: boolean;
  /** The extension value as encoded: a delta CRL's scope must be the same as its base's (§5.2.4). */
  der: Uint8Array;
};

/** ReasonFlags bits 1–8 (§4.2.1.13: bit 0 is unused); each reason is `1 << bit`. */
export const allReasons = 0x1fe;

/** `ReasonFlags ::= BIT STRING`, as a mask: bit k of the BIT STRING (most significant first) is `1 << k`. */
function readReasonFlags(bytes: Uint8Array, tlv: Tlv): number {
  const bits = content(bytes, tlv);
  if (bits.length === 0 || bits[0]! > 7) throw malformed('ReasonFlags');
  let mask = 0;
  for (let bit = 0; bit < 9; bit++) {
    const byte = bits[1 + (bit >> 3)];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) mask |= 1 << bit;
  }
  return mask;
}

function readDistributionPointName(bytes: Uint8Array, wrapper: Tlv): DistributionPointName {
  const [choice, extra] = children(bytes, wrapper);
  if (!choice || extra) throw malformed('DistributionPointName');
  if (choice.tag === contextTag(0)) return { fullName: readGeneralNames(bytes, choice) };
  if (choice.tag !== contextTag(1)) throw malformed('DistributionPointName');
  // The RDN's content re-wrapped as a one-RDN Name, so readName can read it.
  const set = Buffer.concat([Buffer.from([tags.set]), derLength(choice.end - choice.contentStart), content(bytes, choice)]);
  const name = Buffer.concat([Buffer.from([tags.sequence]), derLength(set.length), set]);
  return { relativeName: readName(name)[0]! };
}

const derLength = (length: number) =>
  length < 0x80 ? Buffer.from([length]) : length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);

/** `CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint` (also freshestCRL, §4.2.1.15). */
export function readDistributionPoints(value: Uint8Array): DistributionPoint[] {
  const points = children(value, readOnly(value, tags.sequence, 'CRLDistributionPoints')).map((point) => {
    if (point.tag !== tags.sequence) throw malformed('DistributionPoint');
    const result: DistributionPoint = { name: undefined, reasons: undefined, crlIssuer: undefined };
    let last = -1;
    for (const field of children(value, point)) {
      const which = [contextTag(0), 0x81, contextTag(2)].indexOf(field.tag);
      if (which <= last) throw malformed('DistributionPoint field');
      last = which;
      if (which === 0) result.name = readDistributionPointName(value, field);
      else if (which === 1) result.reasons = readReasonFlags(value, field);
      else result.crlIssuer = readGeneralNames(value, field);
    }
    // §4.2.1.13: a DistributionPoint MUST NOT consist of only the reasons field.
    if (!result.name && !result.crlIssuer) throw malformed('DistributionPoint without a name or cRLIssuer');
    return result;
  });
  if (points.length === 0) throw malformed('empty CRLDistributionPoints');
  return points;
}

/**
 * Reads `IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0], onlyContainsUserCerts [1],
 * onlyContainsCACerts [2], onlySomeReasons [3], indirectCRL [4], onlyContainsAttributeCerts [5] }`.
 * Refuses what §5.2.5 forbids: more than one of the onlyContains… flags, or an empty extension.
 */
export function readIssuingDistributionPoint(value: Uint8Array): IssuingDistributionPoint {
  const fields = children(value, readOnly(value, tags.sequence, 'IssuingDistributionPoint'));
  const result: IssuingDistributionPoint = {
    name: undefined,
    onlyContainsUserCerts: false,
    onlyContainsCACerts: false,
    onlySomeReasons: undefined,
    indirectCrl: false,
    onlyContainsAttributeCerts: false,
    der: value,
  };
  let last = -1;
  for (const field of fields) {
    const which = [contextTag(0), 0x81, 0x82, 0x83, 0x84, 0x85].indexOf(field.tag);
    if (which <= last) throw malformed('IssuingDistributionPoint field');
    last = which;
    const flag = () => {
      const bytes = content(value, field);
      if (bytes.length !== 1) throw malformed('IssuingDistributionPoint flag');
      return bytes[0] !== 0;
    };
    if (which === 0) result.name = readDistributionPointName(value, field);
    else if (which === 1) result.onlyContainsUserCerts = flag();
    else if (which === 2) result.onlyContainsCACerts = flag();
    else if (which === 3) result.onlySomeReasons = readReasonFlags(value, field);
    else if (which === 4) result.indirectCrl = flag();
    else result.onlyContainsAttributeCerts = flag();
  }
  const only = [result.onlyContainsUserCerts, result.onlyContainsCACerts, result.onlyContainsAttributeCerts].filter(Boolean).length;
  if (fields.length === 0 || only > 1) throw malformed('IssuingDistributionPoint');
  return result;
}
