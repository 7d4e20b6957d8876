import type { Random } from '../ports.js';
import { randomString } from '../lib/randomInt.js';

/** Two digits from a CSPRNG, uniform over 00–99: the number the user types on the phone. */
export function createMatchCode(random: Random): string {
  return randomString(random, '0123456789', 2);
}

/**
 * The hint the app shows with the request: the service name and the match code (README "Push login": the
 * code is sent as `hint`). The official app only displays it; the phone simulator asks for the
 * code instead and compares.
 */
export function pushHint(matchCode: string, service = 'gcis'): string {
  return `${service} 登入確認 配對碼 ${matchCode}`;
}

/** The match code in a hint made by pushHint, or undefined. */
export function matchCodeFromHint(hint: string): string | undefined {
  return /配對碼 (\d{2})$/.exec(hint)?.[1];
}

/** A transaction id the service accepts (it refuses a repeated one, TXNLOG_INS_ERR): a random UUID v4. */
export function createTransactionId(random: Random): string {
  const bytes = Buffer.from(random.bytes(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
