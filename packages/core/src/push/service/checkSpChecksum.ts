import type { ChecksumMessage } from '../lib/checksumFields.js';
import { checksumValues } from '../lib/checksumFields.js';
import { verifyChecksum } from '../verifyChecksum.js';

/**
 * Service side: whether an RP request's sp_checksum verifies under that RP's key (INV_SP_CHECKSUM
 * otherwise). `body` is the request as received; sign_info.sign_data is read from inside it.
 */
export function checkSpChecksum(
  message: Extract<ChecksumMessage, 'spTicketRequest' | 'pushRequest' | 'resultRequest'>,
  body: Record<string, unknown>,
  key: Uint8Array,
): boolean {
  const signInfo = typeof body.sign_info === 'object' && body.sign_info !== null ? (body.sign_info as Record<string, unknown>) : {};
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries({ ...body, sign_data: signInfo.sign_data })) {
    if (typeof value === 'string' || typeof value === 'number') flat[name] = String(value);
  }
  const checksum = typeof body.sp_checksum === 'string' ? body.sp_checksum : '';
  return verifyChecksum({ key, fields: checksumValues(message, flat), checksum }).valid;
}
