import type { PushStatus, Session } from '@gcis/core/api';
import type { PushTransactionRow } from '../store/Store.js';

/** The API view of a transaction; the session only to the first long poll that claims it (claimPushSession). */
export function pushStatusOf(row: PushTransactionRow, session?: Session): PushStatus {
  const status = row.status === 'failed' ? 'denied' : row.status;
  return {
    status,
    expiresAt: row.expires_at,
    ...(session && { session }),
    ...(row.reason_code && { reason: { code: row.reason_code, message: row.reason_message ?? '' } }),
  };
}
