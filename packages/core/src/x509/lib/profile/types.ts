import type { ParsedCert } from '../../parseCertificate.js';
import type { ProfileRule } from '../result.js';
import type { KeyBits } from '../verifySignature.js';

/** Where a certificate sits in the path: the trust anchor, a CA between it and the leaf, or the leaf. */
export type CertRole = 'anchor' | 'ca' | 'leaf';

export type ProfileContext = {
  role: CertRole;
  /** The next certificate towards the anchor; undefined for the anchor itself. */
  issuer: ParsedCert | undefined;
  minimumKeyBits: KeyBits;
  /** The leaf must be an end entity (a login's signer), not a CA. */
  requireEndEntity: boolean;
};

export type ProfileViolation = { rule: ProfileRule; message: string };

/** One RFC 5280 §4 rule on one certificate of a built path. */
export type ProfileCheck = (cert: ParsedCert, context: ProfileContext) => ProfileViolation | undefined;

export const violation = (rule: ProfileRule, message: string): ProfileViolation => ({ rule, message });

/** A v1 anchor has no extensions at all; §6.1.1 (d) takes it as trusted input, so the v3 MUSTs do not reach it. */
export const isV1Anchor = (cert: ParsedCert, { role }: ProfileContext) => role === 'anchor' && cert.version === 1;

/** The certificate acts as a CA in this path, or says it is one. */
export const actsAsCa = (cert: ParsedCert, { role }: ProfileContext) => role !== 'leaf' || cert.basicConstraints?.cA === true;
