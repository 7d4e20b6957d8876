import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { extension, toPem, type NameSpec } from './lib/build.js';
import { generateTestKeyPair, type RsaScheme, type TestKeyPair } from './lib/signer.js';
import { issueCertificate, type CertificateSpec } from './issueCertificate.js';
import { issueCrl } from './issueCrl.js';
import { certificatePolicies } from './lib/encodeExtensions.js';

/** One fault each; every variant but 'valid' makes verifyCertificatePath fail with one code. */
export const testPkiVariants = [
  'valid',
  'expired',
  'not-yet-valid',
  'revoked',
  'other-root',
  'leaf-without-digital-signature',
  'issuer-not-ca',
  'path-length-exceeded',
  'unknown-critical-extension',
  'bad-signature',
  'issuer-without-key-cert-sign',
  'issuer-without-crl-sign',
  'crl-wrong-key',
  'stale-crl',
  'crl-without-next-update',
] as const;
export type TestPkiVariant = (typeof testPkiVariants)[number];

/** Keys are the slow part (RSA-2048); generate them once and build many variants from them. */
export type TestPkiKeys = { root: TestKeyPair; intermediate: TestKeyPair; leaf: TestKeyPair; other: TestKeyPair };

export function generateTestPkiKeys(type: 'rsa' | 'ec' = 'rsa'): TestPkiKeys {
  const key = (curve: 'ec-p256' | 'ec-p384') => generateTestKeyPair(type === 'rsa' ? 'rsa' : curve);
  // EC: a P-384 root over P-256 CAs and leaf, so both curves and SHA-256/384 get exercised.
  return { root: key('ec-p384'), intermediate: key('ec-p256'), leaf: key('ec-p256'), other: key('ec-p384') };
}

export type TestCertificate = {
  der: Uint8Array;
  pem: string;
  serialHex: string;
  name: NameSpec;
  publicKey: KeyObject;
  privateKey: KeyObject;
  privateKeyPem: string;
};
export type TestIdentity = { name: string; serialNumber: string; idLast4: string };

export type TestPki = {
  now: Date;
  root: TestCertificate;
  intermediate: TestCertificate;
  leaf: TestCertificate;
  /** CRL of the root (covers the intermediate) and of the intermediate (covers the leaf). */
  rootCrl: Uint8Array;
  intermediateCrl: Uint8Array;
  /** Ready to spread into verifyCertificatePath. */
  trustAnchors: Uint8Array[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
  identity: TestIdentity;
};

export type TestPkiOptions = {
  /** The instant the PKI is valid at; defaults to now, floored to the second. */
  now?: Date;
  keys?: TestPkiKeys;
  keyType?: 'rsa' | 'ec';
  rsaScheme?: RsaScheme;
  variant?: TestPkiVariant;
  identity?: Partial<TestIdentity>;
  /** certificatePolicies (RFC 5280 §4.2.1.4) for the intermediate and the leaf; none by default. */
  certificatePolicies?: readonly string[];
};

const day = 86_400_000;
const names = {
  root: [['C', 'TW'], ['O', 'GCIS Test'], ['CN', 'GCIS Test Root CA']],
  other: [['C', 'TW'], ['O', 'GCIS Test'], ['CN', 'GCIS Other Root CA']],
  intermediate: [['C', 'TW'], ['O', 'GCIS Test'], ['OU', '測試用自然人憑證管理中心']],
} as const satisfies Record<string, NameSpec>;

/**
 * A root → intermediate → citizen-leaf PKI in the MOICA shape, with both CRLs, for tests and
 * scripts. The leaf has `C=TW, CN=王小明, serialNumber=<16 chars>`, the ID's last 4 digits in
 * Subject Directory Attributes, and keyUsage digitalSignature + nonRepudiation. `variant` puts
 * exactly one fault in (see testPkiVariants).
 */
export function buildTestPki(options: TestPkiOptions = {}): TestPki {
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  const variant = options.variant ?? 'valid';
  const keys = options.keys ?? generateTestPkiKeys(options.keyType);
  const identity = { name: '王小明', serialNumber: '0000000012345678', idLast4: '6789', ...options.identity };
  const rsaScheme = options.rsaScheme;
  const at = (days: number) => new Date(now.getTime() + days * day);
  const party = (name: NameSpec, pair: TestKeyPair) => ({ name, ...pair });

  const rootParty = party(names.root, keys.root);
  const intermediateIssuer = variant === 'other-root' ? party(names.other, keys.other) : rootParty;
  const intermediateParty = party(names.intermediate, keys.intermediate);
  const leafName: NameSpec = [['C', 'TW'], ['CN', identity.name], ['serialNumber', identity.serialNumber]];

  const issue = (name: NameSpec, pair: TestKeyPair, spec: Omit<CertificateSpec, 'subject' | 'publicKey'>): TestCertificate => {
    const { der, serialHex } = issueCertificate({ subject: name, publicKey: pair.publicKey, rsaScheme, ...spec });
    const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return { der, pem: toPem('CERTIFICATE', der), serialHex, name, ...pair, privateKeyPem };
  };
  const root = issue(names.root, keys.root, {
    privateKey: keys.root.privateKey,
    notBefore: at(-365),
    notAfter: at(3650),
    basicConstraints: variant === 'path-length-exceeded' ? { cA: true, pathLenConstraint: 0 } : { cA: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const intermediate = issue(names.intermediate, keys.intermediate, {
    issuer: intermediateIssuer,
    notBefore: at(-300),
    notAfter: at(1825),
    basicConstraints: variant === 'issuer-not-ca' ? { cA: false } : { cA: true, pathLenConstraint: 0 },
    ...(options.certificatePolicies && { extraExtensions: [certificatePolicies(options.certificatePolicies)] }),
    keyUsage:
      variant === 'issuer-without-key-cert-sign' ? ['digitalSignature', 'cRLSign']
      : variant === 'issuer-without-crl-sign' ? ['keyCertSign']
      : ['keyCertSign', 'cRLSign'],
  });
  const leaf = issue(leafName, keys.leaf, {
    issuer: intermediateParty,
    notBefore: variant === 'expired' ? at(-800) : variant === 'not-yet-valid' ? at(1) : at(-30),
    notAfter: variant === 'expired' ? at(-1) : at(730),
    keyUsage: variant === 'leaf-without-digital-signature' ? ['nonRepudiation'] : ['digitalSignature', 'nonRepudiation'],
    idLast4: identity.idLast4,
    corruptSignature: variant === 'bad-signature',
    extraExtensions: [
      ...(options.certificatePolicies ? [certificatePolicies(options.certificatePolicies)] : []),
      ...(variant === 'unknown-critical-extension' ? [extension('1.3.6.1.4.1.99999.1', true, new asn1js.Null())] : []),
    ],
  });

  const stale = variant === 'stale-crl';
  const rootCrl = issueCrl({ issuer: intermediateIssuer, thisUpdate: at(-1 / 24), nextUpdate: at(7), rsaScheme });
  const intermediateCrl = issueCrl({
    // The wrong key signs under the right name, so only the signature check can catch it.
    issuer: variant === 'crl-wrong-key' ? { ...intermediateParty, ...keys.other } : intermediateParty,
    thisUpdate: stale ? at(-8) : at(-1 / 24),
    nextUpdate: variant === 'crl-without-next-update' ? null : stale ? at(-1) : at(7),
    revoked: variant === 'revoked' ? [{ serialHex: leaf.serialHex, revocationDate: at(-1), reasonCode: 1 }] : [],
    rsaScheme,
  });
  return {
    now,
    root,
    intermediate,
    leaf,
    rootCrl,
    intermediateCrl,
    trustAnchors: [root.der],
    intermediates: [intermediate.der],
    crls: [rootCrl, intermediateCrl],
    identity,
  };
}
