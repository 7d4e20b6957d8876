import { GcisError } from '../errors.js';
import { encodeTotpSecret } from './secret.js';
import { totpDefaults } from './options.js';

/**
 * Builds the Key URI for authenticator apps, with the QR version in the label:
 * `otpauth://totp/GCIS:<account> (v<N>)?secret=…&issuer=GCIS&digits=6&period=30`.
 * Key URI format: neither issuer nor account may contain ':'.
 */
export function buildOtpauthUri({
  issuer = 'GCIS',
  account,
  version,
  secret,
}: {
  issuer?: string;
  account: string;
  version: number;
  secret: Uint8Array;
}): string {
  for (const [name, value] of [['issuer', issuer], ['account', account]] as const) {
    if (value.includes(':') || value.length === 0) {
      throw new GcisError('ERR_INVALID_INPUT', `The ${name} of a TOTP key must be non-empty and must not contain ':'.`);
    }
  }
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(`${account} (v${version})`)}`;
  const query = new URLSearchParams({
    secret: encodeTotpSecret(secret),
    issuer,
    digits: String(totpDefaults.digits),
    period: String(totpDefaults.periodSeconds),
  });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

/** Reads the secret and version back from a URI this module built (for CLIs and tests). */
export function parseOtpauthUri(uri: string): { account: string; issuer: string; version: number; secret: string } {
  const url = new URL(uri);
  const label = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  const match = /^([^:]+):(.+) \(v(\d+)\)$/.exec(label);
  const secret = url.searchParams.get('secret');
  if (url.protocol !== 'otpauth:' || url.host !== 'totp' || !match || !secret) {
    throw new GcisError('ERR_INVALID_INPUT', 'Not a gcis otpauth URI.');
  }
  return { issuer: match[1]!, account: match[2]!, version: Number(match[3]), secret };
}
