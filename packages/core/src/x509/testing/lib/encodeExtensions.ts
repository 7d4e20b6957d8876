import type { Extension } from 'pkijs';
import { encodeOid } from '../../lib/der.js';
import { oids } from '../../lib/oids.js';
import { encodeName, extension, type NameSpec } from './build.js';

/** One DER element from its tag and content. */
export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...length]), body]));
}
const oid = (dotted: string) => der(0x06, encodeOid(dotted));
const integer = (value: number) => der(0x02, Buffer.from(value < 0x80 ? [value] : [0, value]));
const ascii = (text: string) => Buffer.from(text, 'latin1');

/** A GeneralName (RFC 5280 §4.2.1.6) in the forms the tests use. */
export type GeneralNameSpec =
  | { dn: NameSpec | Uint8Array }
  | { email: string }
  | { dns: string }
  | { uri: string }
  /** address bytes, followed by the mask for a name-constraint base */
  | { ip: readonly number[] };

export function encodeGeneralName(name: GeneralNameSpec): Uint8Array {
  if ('dn' in name) return der(0xa4, name.dn instanceof Uint8Array ? name.dn : encodeName(name.dn));
  if ('email' in name) return der(0x81, ascii(name.email));
  if ('dns' in name) return der(0x82, ascii(name.dns));
  if ('uri' in name) return der(0x86, ascii(name.uri));
  return der(0x87, Uint8Array.from(name.ip));
}

export const subjectAltName = (names: readonly GeneralNameSpec[], critical = false): Extension =>
  extension(oids.subjectAltName, critical, der(0x30, ...names.map(encodeGeneralName)));

/** certificatePolicies with bare OIDs (§4.2.1.4). */
export const certificatePolicies = (policies: readonly string[], critical = false): Extension =>
  extension(oids.certificatePolicies, critical, der(0x30, ...policies.map((p) => der(0x30, oid(p)))));

/** policyMappings, critical as §4.2.1.5 says it SHOULD be. */
export const policyMappings = (pairs: ReadonlyArray<readonly [issuerDomainPolicy: string, subjectDomainPolicy: string]>): Extension =>
  extension(oids.policyMappings, true, der(0x30, ...pairs.map(([from, to]) => der(0x30, oid(from), oid(to)))));

/** policyConstraints (§4.2.1.11, critical). */
export const policyConstraints = ({ requireExplicitPolicy, inhibitPolicyMapping }: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number }): Extension =>
  extension(
    oids.policyConstraints,
    true,
    der(
      0x30,
      ...(requireExplicitPolicy === undefined ? [] : [der(0x80, integer(requireExplicitPolicy).subarray(2))]),
      ...(inhibitPolicyMapping === undefined ? [] : [der(0x81, integer(inhibitPolicyMapping).subarray(2))]),
    ),
  );

export const inhibitAnyPolicy = (skipCerts: number): Extension => extension(oids.inhibitAnyPolicy, true, integer(skipCerts));

/** nameConstraints (§4.2.1.10, critical): bases of permitted and excluded subtrees. */
export const nameConstraints = ({ permitted, excluded }: { permitted?: readonly GeneralNameSpec[]; excluded?: readonly GeneralNameSpec[] }): Extension => {
  const subtrees = (tag: number, bases: readonly GeneralNameSpec[]) => der(tag, ...bases.map((base) => der(0x30, encodeGeneralName(base))));
  return extension(oids.nameConstraints, true, der(0x30, ...(permitted ? [subtrees(0xa0, permitted)] : []), ...(excluded ? [subtrees(0xa1, excluded)] : [])));
};

/** ReasonFlags bits (§5.3.1 numbering: 1 keyCompromise … 8 aACompromise) as a BIT STRING content. */
const reasonFlags = (tag: number, bits: readonly number[]) => {
  const value = bits.reduce((mask, bit) => mask | (0x8000 >> bit), 0);
  return der(tag, Buffer.from([7, value >> 8, value & 0xff]));
};

export type DistributionPointSpec = { fullName?: readonly GeneralNameSpec[]; reasons?: readonly number[]; crlIssuer?: readonly GeneralNameSpec[] };

export const crlDistributionPoints = (points: readonly DistributionPointSpec[]): Extension =>
  extension(
    oids.cRLDistributionPoints,
    false,
    der(
      0x30,
      ...points.map(({ fullName, reasons, crlIssuer }) =>
        der(
          0x30,
          ...(fullName ? [der(0xa0, der(0xa0, ...fullName.map(encodeGeneralName)))] : []),
          ...(reasons ? [reasonFlags(0x81, reasons)] : []),
          ...(crlIssuer ? [der(0xa2, ...crlIssuer.map(encodeGeneralName))] : []),
        ),
      ),
    ),
  );

export type IssuingDistributionPointSpec = {
  fullName?: readonly GeneralNameSpec[];
  onlyContainsUserCerts?: boolean;
  onlyContainsCACerts?: boolean;
  onlySomeReasons?: readonly number[];
  indirectCrl?: boolean;
};

/** issuingDistributionPoint (§5.2.5, critical). */
export const issuingDistributionPoint = ({ fullName, onlyContainsUserCerts, onlyContainsCACerts, onlySomeReasons, indirectCrl }: IssuingDistributionPointSpec): Extension => {
  const flag = (tag: number, on: boolean | undefined) => (on ? [der(tag, Buffer.from([0xff]))] : []);
  return extension(
    oids.issuingDistributionPoint,
    true,
    der(
      0x30,
      ...(fullName ? [der(0xa0, der(0xa0, ...fullName.map(encodeGeneralName)))] : []),
      ...flag(0x81, onlyContainsUserCerts),
      ...flag(0x82, onlyContainsCACerts),
      ...(onlySomeReasons ? [reasonFlags(0x83, onlySomeReasons)] : []),
      ...flag(0x84, indirectCrl),
    ),
  );
};

/** The certificateIssuer CRL entry extension (§5.3.3, critical): a directoryName. */
export const certificateIssuer = (issuerName: Uint8Array): Extension => extension(oids.certificateIssuer, true, der(0x30, der(0xa4, issuerName)));

export const deltaCrlIndicator = (baseCrlNumber: number): Extension => extension(oids.deltaCRLIndicator, true, integer(baseCrlNumber));
