import { computeChecksum } from '../computeChecksum.js';
import { checksumValues } from '../lib/checksumFields.js';
import type { TicketResponse } from '../types.js';

/** Service side of ATH-01 / ATH-03: the ticket with its idp_checksum over transaction_id, error_code, sp_ticket. */
export function buildTicketResponse({ key, transactionId, spTicket, iv }: { key: Uint8Array; transactionId: string; spTicket: string; iv?: Uint8Array }): TicketResponse {
  const fields = checksumValues('ticketResponse', { transaction_id: transactionId, error_code: '0', sp_ticket: spTicket });
  return {
    error_code: '0',
    error_message: '',
    transaction_id: transactionId,
    result: { sp_ticket: spTicket, idp_checksum: computeChecksum({ key, fields, iv }) },
  };
}
