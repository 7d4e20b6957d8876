import type { SignInfo } from './types.js';

/** What the phone signs to approve a gcis login (README "Push login"). */
export type PushSignContent = { transactionId: string; matchCode: string; origin: string };

/**
 * The canonical bytes of a push login's sign data: UTF-8 JSON with keys in the fixed order
 * transactionId, matchCode, origin. The transaction id makes each signature single-use; the
 * origin keeps a signature made for one server from counting at another.
 */
export function pushSignData({ transactionId, matchCode, origin }: PushSignContent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ transactionId, matchCode, origin }));
}

/**
 * sign_info for op_code SIGN: PKCS#1 (the phone returns the bare signature, so the server checks
 * it against the content it sent rather than content the answer carries), SHA-256, base64.
 */
export function pushSignInfo(content: Uint8Array): SignInfo {
  return { sign_type: 'PKCS#1', sign_data: Buffer.from(content).toString('base64'), tbs_encoding: 'base64', hash_algorithm: 'SHA256' };
}

/** The bytes to be signed that `signInfo` carries (tbs_encoding NONE is UTF-8 text). */
export function signInfoBytes(signInfo: SignInfo): Uint8Array {
  return new Uint8Array(signInfo.tbs_encoding === 'base64' ? Buffer.from(signInfo.sign_data, 'base64') : Buffer.from(signInfo.sign_data, 'utf8'));
}

/** The phone's reading of a gcis sign data, to show what it is about to approve; undefined if it is not one. */
export function readPushSignData(signInfo: SignInfo): PushSignContent | undefined {
  try {
    const value = JSON.parse(Buffer.from(signInfoBytes(signInfo)).toString('utf8')) as Record<string, unknown>;
    const { transactionId, matchCode, origin } = value;
    if (typeof transactionId !== 'string' || typeof matchCode !== 'string' || typeof origin !== 'string') return undefined;
    return { transactionId, matchCode, origin };
  } catch {
    return undefined;
  }
}
