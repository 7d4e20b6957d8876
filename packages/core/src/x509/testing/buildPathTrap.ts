import type { NameSpec } from './lib/build.js';
import { generateTestKeyPair, type TestKeyPair } from './lib/signer.js';
import { issueCertificate } from './issueCertificate.js';

/**
 * Certificate sets built to make path building do unbounded work (RFC 4158 §5.2 loops):
 * - 'same-name-same-key': `size` distinct self-issued CA certificates with one name and one key,
 *   each verifying every other's signature (each added one used to double the work);
 * - 'cross-loop': `size` CAs cross-certified in a ring (A by B, B by C, …, and back);
 * - 'mesh': `size` CAs each certified by every other (size² certificates, (size-1)! paths).
 * The leaf's real root is in `trustAnchors` only when `reachable`; otherwise no path exists.
 */
export type PathTrapKind = 'same-name-same-key' | 'cross-loop' | 'mesh';
export type PathTrap = { leaf: Uint8Array; intermediates: Uint8Array[]; trustAnchors: Uint8Array[]; at: Date };

export function buildPathTrap(kind: PathTrapKind, size: number, { reachable = false, keys }: { reachable?: boolean; keys?: TestKeyPair[] } = {}): PathTrap {
  const at = new Date('2025-06-01T00:00:00Z');
  const window = { notBefore: new Date(at.getTime() - 86_400_000), notAfter: new Date(at.getTime() + 365 * 86_400_000) };
  const pool = keys ?? Array.from({ length: Math.min(size, 8) + 2 }, () => generateTestKeyPair('ec-p256'));
  const key = (index: number) => pool[2 + (index % (pool.length - 2))]!;
  const ca = { basicConstraints: { cA: true }, keyUsage: ['keyCertSign', 'cRLSign'] } as const;
  const party = (cn: string, pair: TestKeyPair) => ({ name: [['C', 'TW'], ['CN', cn]] as NameSpec, ...pair });
  const root = party('Trap Root', pool[0]!);
  const issue = (subject: ReturnType<typeof party>, issuer: ReturnType<typeof party>, extra = {}) =>
    issueCertificate({ subject: subject.name, publicKey: subject.publicKey, issuer, ...window, ...ca, ...extra }).der;

  const cas =
    kind === 'same-name-same-key' ? Array.from({ length: size }, () => party('Trap CA', pool[2]!)) : Array.from({ length: size }, (_, i) => party(`Trap CA ${i}`, key(i)));
  const intermediates: Uint8Array[] = [];
  if (kind === 'same-name-same-key') for (const each of cas) intermediates.push(issue(each, each));
  if (kind === 'cross-loop') cas.forEach((each, i) => intermediates.push(issue(each, cas[(i + 1) % size]!)));
  if (kind === 'mesh') for (const subject of cas) for (const issuer of cas) if (subject !== issuer) intermediates.push(issue(subject, issuer));
  // The way out: the last CA certified by the root (used only when reachable).
  if (reachable) intermediates.push(issue(cas[cas.length - 1]!, root));
  const leaf = issueCertificate({ subject: [['C', 'TW'], ['CN', 'Trap Leaf']], publicKey: pool[1]!.publicKey, issuer: cas[0]!, ...window, keyUsage: ['digitalSignature'] }).der;
  const anchor = issueCertificate({ subject: root.name, publicKey: root.publicKey, privateKey: root.privateKey, ...window, ...ca }).der;
  return { leaf, intermediates, trustAnchors: [anchor], at };
}
