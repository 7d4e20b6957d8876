import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, BasicConstraints, Certificate, Extension, PublicKeyInfo, RelativeDistinguishedNames } from 'pkijs';
import type { KeyUsage } from '../lib/extensions.js';
import { oids } from '../lib/oids.js';
import { encodeKeyUsage, encodeName, encodeTime, extension, integerFromHex, keyIdentifier, randomSerialHex, spkiOf, type NameSpec } from './lib/build.js';
import { signerFor, type RsaScheme } from './lib/signer.js';

export type CertificateSpec = {
  subject: NameSpec;
  publicKey: KeyObject;
  /** Who signs: their Name and keys. Omit for a self-signed certificate. */
  issuer?: { name: NameSpec; privateKey: KeyObject; publicKey: KeyObject };
  /** The subject's own private key, needed only when self-signed. */
  privateKey?: KeyObject;
  serialHex?: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints, critical unless `critical: false`; omitted when undefined. */
  basicConstraints?: { cA: boolean; pathLenConstraint?: number; critical?: boolean };
  /** Critical keyUsage; omitted when undefined. */
  keyUsage?: readonly KeyUsage[];
  /** MOICA Subject Directory Attributes: attribute 2.16.886.1.100.2.51 = these 4 digits. */
  idLast4?: string;
  /** Further extensions, e.g. an unknown critical one. */
  extraExtensions?: readonly Extension[];
  rsaScheme?: RsaScheme;
  /** Flip a bit of the signature after signing. */
  corruptSignature?: boolean;
  /** 1 makes a v1 certificate: no extensions at all. Default 3. */
  version?: 1 | 3;
  /** false leaves out the (non-critical) subject / authority key identifier that is otherwise always added. */
  subjectKeyIdentifier?: boolean;
  authorityKeyIdentifier?: boolean;
  /** The SubjectPublicKeyInfo to embed instead of `publicKey`'s (e.g. an EC key with explicit parameters). */
  spkiDer?: Uint8Array;
  /** An algorithm OID for tbsCertificate.signature that differs from the outer one (RFC 5280 §4.1.1.2 forbids it). */
  innerSignatureAlgorithmOid?: string;
};

/**
 * Issues an X.509 v3 certificate with pkijs and signs it with node:crypto. Always adds subject
 * and authority key identifiers, so `openssl verify -x509_strict` accepts the result.
 */
export function issueCertificate(spec: CertificateSpec): { der: Uint8Array; serialHex: string } {
  const issuer = spec.issuer ?? { name: spec.subject, publicKey: spec.publicKey, privateKey: required(spec.privateKey) };
  const signer = signerFor(issuer.privateKey, spec.rsaScheme);
  const serialHex = spec.serialHex ?? randomSerialHex();
  const certificate = new Certificate({
    version: spec.version === 1 ? 0 : 2,
    serialNumber: integerFromHex(serialHex),
    signature: spec.innerSignatureAlgorithmOid ? new AlgorithmIdentifier({ algorithmId: spec.innerSignatureAlgorithmOid }) : signer.algorithm,
    signatureAlgorithm: signer.algorithm,
    issuer: RelativeDistinguishedNames.fromBER(encodeName(issuer.name)),
    subject: RelativeDistinguishedNames.fromBER(encodeName(spec.subject)),
    notBefore: encodeTime(spec.notBefore),
    notAfter: encodeTime(spec.notAfter),
    subjectPublicKeyInfo: spec.spkiDer ? PublicKeyInfo.fromBER(spec.spkiDer) : publicKeyInfo(spec.publicKey),
    ...(spec.version !== 1 && { extensions: extensionsFor(spec, issuer.publicKey) }),
  });
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
  const signature = signer.sign(certificate.tbsView);
  if (spec.corruptSignature) signature[signature.length - 1]! ^= 0x01;
  certificate.signatureValue = new asn1js.BitString({ valueHex: signature });
  return { der: new Uint8Array(certificate.toSchema().toBER()), serialHex };
}

function extensionsFor(spec: CertificateSpec, issuerPublicKey: KeyObject): Extension[] {
  const result: Extension[] = [];
  if (spec.subjectKeyIdentifier !== false) {
    result.push(extension(oids.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spec.publicKey) })));
  }
  if (spec.authorityKeyIdentifier !== false) {
    result.push(extension(oids.authorityKeyIdentifier, false, new asn1js.Sequence({
      value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: keyIdentifier(issuerPublicKey) })],
    })));
  }
  if (spec.basicConstraints) {
    const { critical = true, ...constraints } = spec.basicConstraints;
    result.push(extension(oids.basicConstraints, critical, new BasicConstraints(constraints).toSchema()));
  }
  if (spec.keyUsage) result.push(extension(oids.keyUsage, true, encodeKeyUsage(spec.keyUsage)));
  if (spec.idLast4 !== undefined) {
    const attribute = new asn1js.Sequence({
      value: [new asn1js.ObjectIdentifier({ value: oids.moicaIdLast4 }), new asn1js.Set({ value: [new asn1js.PrintableString({ value: spec.idLast4 })] })],
    });
    result.push(extension(oids.subjectDirectoryAttributes, false, new asn1js.Sequence({ value: [attribute] })));
  }
  return [...result, ...(spec.extraExtensions ?? [])];
}

/** pkijs' form of a key, read once per key (encoding a certificate does not change it). */
const publicKeyInfos = new WeakMap<KeyObject, PublicKeyInfo>();
function publicKeyInfo(publicKey: KeyObject): PublicKeyInfo {
  let info = publicKeyInfos.get(publicKey);
  if (!info) publicKeyInfos.set(publicKey, (info = PublicKeyInfo.fromBER(spkiOf(publicKey))));
  return info;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('A self-signed certificate needs its privateKey.');
  return value;
}
