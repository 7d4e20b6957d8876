import { signedLoginContent } from '../../smartcard/signedLoginContent.js';
import { equalBytes, malformed } from './der.js';

export type SignedLoginContent = { challenge: string; origin: string; issuedAt: Date };

/**
 * Reads the signed login content `{challenge, origin, issuedAt}` and insists on the canonical
 * bytes signedLoginContent writes, so one signature has exactly one reading (no duplicate keys,
 * no extra fields, no second spelling of the same instant).
 */
export function readLoginContent(bytes: Uint8Array): SignedLoginContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw malformed('the signed content is not UTF-8 JSON');
  }
  const { challenge, origin, issuedAt } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof challenge !== 'string' || typeof origin !== 'string' || typeof issuedAt !== 'string') {
    throw malformed('the signed content must be {challenge, origin, issuedAt}');
  }
  const at = new Date(issuedAt);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== issuedAt || !equalBytes(signedLoginContent({ challenge, origin, issuedAt }), bytes)) {
    throw malformed('the signed content is not in the canonical form');
  }
  return { challenge, origin, issuedAt: at };
}
