import type { Extension } from 'pkijs';
import type { KeyUsage } from '../lib/extensions.js';
import type { NameSpec } from './lib/build.js';
import { generateTestKeyPair, type TestKeyPair } from './lib/signer.js';
import { issueCertificate } from './issueCertificate.js';
import { issueCrl, type CrlSpec } from './issueCrl.js';

/** One certificate of a test chain. A CA unless it is the last; `name` defaults to `CN=Level <i>`. */
export type ChainLevel = {
  name?: NameSpec;
  /** Reuse the name of the level above and a new key: a self-issued certificate (key rollover). */
  selfIssued?: boolean;
  extensions?: readonly Extension[];
  keyUsage?: readonly KeyUsage[];
  basicConstraints?: { cA: boolean; pathLenConstraint?: number };
  /** The level (index) that signs this one; by default the one above. */
  issuerLevel?: number;
};

export type TestChainParty = { name: NameSpec; privateKey: TestKeyPair['privateKey']; publicKey: TestKeyPair['publicKey'] };

export type TestChain = {
  now: Date;
  /** DER, root first, leaf last. */
  certificates: Uint8Array[];
  parties: TestChainParty[];
  trustAnchors: Uint8Array[];
  intermediates: Uint8Array[];
  leaf: Uint8Array;
  serialHexes: string[];
  /** A CRL signed by level `index` (current at `now`), with whatever else the spec says. */
  crl(index: number, spec?: Partial<CrlSpec>): Uint8Array;
  /** The CRLs of every CA level, each listing nothing: what a path needs to pass revocation. */
  cleanCrls(): Uint8Array[];
};

const day = 86_400_000;

/**
 * A root → … → leaf chain from a list of levels (root first), with P-256 keys, for rule-by-rule
 * tests of path validation: each level says only what it adds (policies, name constraints,
 * distribution points …) and the rest is a plain, valid CA or leaf.
 */
export function buildTestChain(levels: readonly ChainLevel[], { now = new Date('2025-06-01T00:00:00Z') }: { now?: Date } = {}): TestChain {
  const parties: TestChainParty[] = [];
  const certificates: Uint8Array[] = [];
  const serialHexes: string[] = [];
  levels.forEach((level, index) => {
    const isLeaf = index === levels.length - 1;
    const name = level.name ?? (level.selfIssued ? parties[index - 1]!.name : [['C', 'TW'], ['O', 'GCIS Test'], ['CN', `Level ${index}`]]);
    const pair = generateTestKeyPair('ec-p256');
    const party = { name, ...pair };
    const issuer = index === 0 ? undefined : parties[level.issuerLevel ?? index - 1]!;
    const { der, serialHex } = issueCertificate({
      subject: name,
      publicKey: pair.publicKey,
      ...(issuer ? { issuer } : { privateKey: pair.privateKey }),
      notBefore: new Date(now.getTime() - day),
      notAfter: new Date(now.getTime() + 365 * day),
      basicConstraints: level.basicConstraints ?? (isLeaf ? undefined : { cA: true }),
      keyUsage: level.keyUsage ?? (isLeaf ? ['digitalSignature'] : ['keyCertSign', 'cRLSign']),
      extraExtensions: level.extensions ?? [],
    });
    parties.push(party);
    certificates.push(der);
    serialHexes.push(serialHex);
  });
  const crl = (index: number, spec: Partial<CrlSpec> = {}) =>
    issueCrl({ issuer: parties[index]!, thisUpdate: new Date(now.getTime() - 3_600_000), nextUpdate: new Date(now.getTime() + 7 * day), ...spec });
  return {
    now,
    certificates,
    parties,
    trustAnchors: certificates.slice(0, 1),
    intermediates: certificates.slice(1, -1),
    leaf: certificates[certificates.length - 1]!,
    serialHexes,
    crl,
    cleanCrls: () => levels.slice(0, -1).map((_, index) => crl(index)),
  };
}
