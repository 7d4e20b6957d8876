import type { Extension } from 'pkijs';
import type { KeyUsage } from '../lib/extensions.js';
import type { PolicyInputs } from '../lib/pathState.js';
import type { NameSpec } from './lib/build.js';
import { certificatePolicies, inhibitAnyPolicy, nameConstraints, policyConstraints, policyMappings, subjectAltName, type GeneralNameSpec } from './lib/encodeExtensions.js';
import { seededRandom, type Random } from './lib/random.js';
import type { TestKeyPair } from './lib/signer.js';
import { issueCertificate } from './issueCertificate.js';
import { issueCrl } from './issueCrl.js';

/**
 * One generated chain for differential testing: anchor → 0–3 CAs → leaf, with the CRL of every
 * CA, varying basicConstraints, pathLenConstraint, keyUsage, certificate policies, policy
 * mappings and constraints, inhibitAnyPolicy, name constraints (DN, DNS, e-mail), validity, CRL
 * freshness and contents (revocations, no nextUpdate, no cRLNumber), the §6.1.1 policy inputs,
 * and now and then a §4 profile fault (no SKI or AKI, an empty leaf subject with or without a
 * critical SAN). `features` names every deviation, so a
 * case reads as what it tests.
 */
export type RandomChain = {
  index: number;
  features: string[];
  anchor: Uint8Array;
  intermediates: Uint8Array[];
  leaf: Uint8Array;
  crls: Uint8Array[];
  at: Date;
  policy: PolicyInputs;
};

const day = 86_400_000;
const at = new Date('2025-06-01T00:00:00Z');
export const randomChainPolicies = { P1: '2.16.886.101.9.1', P2: '2.16.886.101.9.2', P3: '2.16.886.101.9.3', any: '2.5.29.32.0' } as const;
const { P1, P2, P3, any } = randomChainPolicies;

type Party = { name: NameSpec; privateKey: TestKeyPair['privateKey']; publicKey: TestKeyPair['publicKey'] };
type Spec = {
  extensions: Extension[];
  basicConstraints?: { cA: boolean; pathLenConstraint?: number; critical?: boolean };
  keyUsage?: KeyUsage[];
  notBefore: Date;
  notAfter: Date;
  subjectKeyIdentifier?: false;
  authorityKeyIdentifier?: false;
};

/** Case `index` of the sequence seeded by `seed`; each case has its own stream, so one can be rebuilt alone. */
export function buildRandomChain(seed: number, index: number, keys: readonly TestKeyPair[]): RandomChain {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const features: string[] = [];
  const note = (feature: string) => features.push(feature);
  const order = shuffle(random, keys.length);
  const caCount = random.pick([0, 1, 1, 2, 2, 2, 3]);
  const parties: Party[] = Array.from({ length: caCount + 2 }, (_, level) => ({
    name: level === 0 ? [['C', 'TW'], ['O', 'Diff'], ['CN', `Root ${index}`]] : level <= caCount ? [['C', 'TW'], ['O', 'Diff'], ['OU', `CA ${level}`], ['CN', `CA ${index}.${level}`]] : leafName(random, index, note),
    ...keys[order[level % keys.length]!]!,
  }));

  const certs: Uint8Array[] = [];
  const serials: string[] = [];
  for (let level = 0; level < parties.length; level++) {
    const role = level === 0 ? 'anchor' : level === parties.length - 1 ? 'leaf' : `ca${level}`;
    const spec = role === 'leaf' ? leafSpec(random, parties[level]!.name.length === 0, note) : caSpec(random, role, (f) => note(`${role}:${f}`));
    const subject = parties[level]!;
    const serialHex = (0x10 + level).toString(16) + index.toString(16).padStart(6, '0');
    const { der } = issueCertificate({
      subject: subject.name,
      publicKey: subject.publicKey,
      ...(level === 0 ? { privateKey: subject.privateKey } : { issuer: parties[level - 1]! }),
      serialHex,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      ...(spec.basicConstraints && { basicConstraints: spec.basicConstraints }),
      ...(spec.keyUsage && { keyUsage: spec.keyUsage }),
      ...(spec.subjectKeyIdentifier === false && { subjectKeyIdentifier: false }),
      ...(spec.authorityKeyIdentifier === false && { authorityKeyIdentifier: false }),
      extraExtensions: spec.extensions,
    });
    certs.push(der);
    serials.push(serialHex);
  }

  // Every CA publishes a CRL over what it issued; some are missing, stale or list a revocation.
  const crls: Uint8Array[] = [];
  for (let level = 0; level < parties.length - 1; level++) {
    const child = level + 1 === parties.length - 1 ? 'leaf' : `ca${level + 1}`;
    if (random.chance(0.02)) {
      note(`crl-missing:${child}`);
      continue;
    }
    const stale = random.chance(0.02);
    const revoked = random.chance(child === 'leaf' ? 0.06 : 0.03);
    const noNextUpdate = random.chance(0.02);
    const noNumber = random.chance(0.02);
    if (stale) note(`crl-stale:${child}`);
    if (revoked) note(`revoked:${child}`);
    if (noNextUpdate) note(`crl-no-next-update:${child}`);
    if (noNumber) note(`crl-no-number:${child}`);
    crls.push(
      issueCrl({
        issuer: parties[level]!,
        thisUpdate: new Date(at.getTime() - (stale ? 10 : 1) * day),
        nextUpdate: noNextUpdate ? null : new Date(at.getTime() + (stale ? -1 : 7) * day),
        ...(noNumber && { crlNumber: null }),
        revoked: [
          { serialHex: 'ff00' + index.toString(16).padStart(4, '0'), revocationDate: new Date(at.getTime() - 2 * day) },
          ...(revoked ? [{ serialHex: serials[level + 1]!, revocationDate: new Date(at.getTime() - day), reasonCode: 1 }] : []),
        ],
      }),
    );
  }

  const policy: PolicyInputs = {};
  if (random.chance(0.25)) {
    policy.initialPolicySet = random.subset([P1, P2]);
    note(`input:policy=${policy.initialPolicySet.map(short).join('+')}`);
  }
  if (random.chance(0.2)) (policy.explicitPolicy = true), note('input:explicit');
  if (random.chance(0.1)) (policy.inhibitPolicyMapping = true), note('input:inhibit-map');
  if (random.chance(0.1)) (policy.inhibitAnyPolicy = true), note('input:inhibit-any');
  return { index, features, anchor: certs[0]!, intermediates: certs.slice(1, -1).reverse(), leaf: certs[certs.length - 1]!, crls, at, policy };
}

const short = (oid: string) => Object.entries(randomChainPolicies).find(([, value]) => value === oid)?.[0] ?? oid;

function validity(random: Random, note: (feature: string) => void) {
  const roll = random.next();
  if (roll < 0.015) return note('expired'), { notBefore: new Date(at.getTime() - 400 * day), notAfter: new Date(at.getTime() - day) };
  if (roll < 0.025) return note('not-yet-valid'), { notBefore: new Date(at.getTime() + day), notAfter: new Date(at.getTime() + 400 * day) };
  return { notBefore: new Date(at.getTime() - 30 * day), notAfter: new Date(at.getTime() + 365 * day) };
}

function caSpec(random: Random, role: string, note: (feature: string) => void): Spec {
  const isAnchor = role === 'anchor';
  const extensions: Extension[] = [];
  let basicConstraints: Spec['basicConstraints'] = { cA: true };
  const roll = random.next();
  if (roll < (isAnchor ? 0.01 : 0.03)) (basicConstraints = undefined), note('no-basic-constraints');
  else if (roll < (isAnchor ? 0.02 : 0.05)) (basicConstraints = { cA: false }), note('ca-false');
  else if (roll < (isAnchor ? 0.03 : 0.07)) (basicConstraints = { cA: true, critical: false }), note('basic-constraints-not-critical');
  if (basicConstraints?.cA && random.chance(0.25)) {
    basicConstraints = { ...basicConstraints, pathLenConstraint: random.int(3) };
    note(`pathlen=${basicConstraints.pathLenConstraint}`);
  }
  let keyUsage: KeyUsage[] | undefined = ['keyCertSign', 'cRLSign'];
  const usage = random.next();
  if (usage < 0.03) (keyUsage = undefined), note('no-key-usage');
  else if (usage < 0.06) (keyUsage = ['cRLSign', 'digitalSignature']), note('no-key-cert-sign');
  else if (usage < 0.09) (keyUsage = ['keyCertSign']), note('no-crl-sign');
  const identifiers: Pick<Spec, 'subjectKeyIdentifier' | 'authorityKeyIdentifier'> = {};
  if (random.chance(0.02)) (identifiers.subjectKeyIdentifier = false), note('no-ski');
  if (!isAnchor && random.chance(0.02)) (identifiers.authorityKeyIdentifier = false), note('no-aki');
  if (!isAnchor) {
    if (random.chance(0.45)) {
      const policies = random.subset([P1, P2, P3, any]);
      extensions.push(certificatePolicies(policies));
      note(`policies=${policies.map(short).join('+')}`);
    }
    if (random.chance(0.12)) {
      const mapping = random.pick([[P1, P2], [P2, P3], [P1, P3]] as const);
      extensions.push(policyMappings([mapping]));
      note(`map=${short(mapping[0])}>${short(mapping[1])}`);
    }
    if (random.chance(0.12)) {
      const constraints = {
        ...(random.chance(0.7) && { requireExplicitPolicy: random.int(3) }),
        ...(random.chance(0.5) && { inhibitPolicyMapping: random.int(3) }),
      };
      if (Object.keys(constraints).length > 0) {
        extensions.push(policyConstraints(constraints));
        note(`policy-constraints=${JSON.stringify(constraints).replace(/"/g, '')}`);
      }
    }
    if (random.chance(0.08)) {
      const skip = random.int(2);
      extensions.push(inhibitAnyPolicy(skip));
      note(`inhibit-any=${skip}`);
    }
  }
  if (random.chance(isAnchor ? 0.05 : 0.15)) {
    const permitted = random.chance(0.6) ? [random.pick<GeneralNameSpec>([{ dn: [['C', 'TW'], ['O', 'Diff']] }, { dn: [['C', 'TW'], ['O', 'Other']] }, { dns: 'diff.tw' }, { email: 'diff.tw' }])] : undefined;
    const excluded = !permitted || random.chance(0.4) ? [random.pick<GeneralNameSpec>([{ dns: 'other.tw' }, { email: 'other.tw' }, { dn: [['C', 'TW'], ['O', 'Other']] }, { dns: 'diff.tw' }])] : undefined;
    extensions.push(nameConstraints({ ...(permitted && { permitted }), ...(excluded && { excluded }) }));
    note(`nc=${JSON.stringify({ permitted, excluded }).replace(/"/g, '')}`);
  }
  return { extensions, ...(basicConstraints && { basicConstraints }), ...(keyUsage && { keyUsage }), ...identifiers, ...validity(random, note) };
}

function leafName(random: Random, index: number, note: (feature: string) => void): NameSpec {
  if (random.chance(0.03)) return note('leaf:empty-subject'), [];
  const organisation = random.chance(0.8) ? 'Diff' : 'Other';
  if (organisation !== 'Diff') note('leaf:o=Other');
  return [['C', 'TW'], ['O', organisation], ['CN', `Leaf ${index}`]];
}

function leafSpec(random: Random, emptySubject: boolean, note: (feature: string) => void): Spec {
  const extensions: Extension[] = [];
  if (emptySubject || random.chance(0.4)) {
    const names = random.subset<GeneralNameSpec>([{ dns: 'a.diff.tw' }, { dns: 'b.other.tw' }, { email: 'x@diff.tw' }, { email: 'y@other.tw' }]);
    // §4.2.1.6: with an empty subject the SAN MUST be critical; now and then it is not.
    const critical = emptySubject && !random.chance(0.3);
    if (emptySubject && !critical) note('leaf:san-not-critical');
    extensions.push(subjectAltName(names, critical));
    note(`leaf:san=${names.map((n) => Object.values(n)[0]).join('+')}`);
  }
  if (random.chance(0.5)) {
    const policies = random.subset([P1, P2, P3, any]);
    extensions.push(certificatePolicies(policies));
    note(`leaf:policies=${policies.map(short).join('+')}`);
  }
  const noAki = random.chance(0.02);
  if (noAki) note('leaf:no-aki');
  return { extensions, keyUsage: ['digitalSignature'], ...(noAki && { authorityKeyIdentifier: false as const }), ...validity(random, (f) => note(`leaf:${f}`)) };
}

function shuffle(random: Random, length: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
