import type { GcisErrorCode } from '../../errors.js';
import type { ParsedCert } from '../parseCertificate.js';

/** The codes verifyCertificatePath returns; each names one rule so callers and tests can branch on it. */
export type CertPathErrorCode = Extract<
  GcisErrorCode,
  | 'ERR_CERT_UNTRUSTED'
  | 'ERR_CERT_PATH'
  | 'ERR_CERT_SIGNATURE'
  | 'ERR_CERT_EXPIRED'
  | 'ERR_CERT_NOT_YET_VALID'
  | 'ERR_CERT_USAGE'
  | 'ERR_CERT_EXTENSION'
  | 'ERR_CERT_REVOKED'
  | 'ERR_CRL_MISSING'
  | 'ERR_CRL_STALE'
  | 'ERR_CRL_INVALID'
>;

export type PathFailure = { ok: false; code: CertPathErrorCode; message: string };
export type PathResult = { ok: true; path: ParsedCert[] } | PathFailure;

export const fail = (code: CertPathErrorCode, message: string): PathFailure => ({ ok: false, code, message });

/** How a certificate is named in messages: its subject, which is what an operator recognises. */
export const describe = (cert: ParsedCert): string => `"${cert.subject}"`;
