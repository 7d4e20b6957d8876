import { checksumValues } from './lib/checksumFields.js';
import { badChecksum, malformedAnswer, readEnvelope } from './lib/envelope.js';
import { parseSpTicket } from './parseSpTicket.js';
import { serviceError } from './serviceErrors.js';
import type { ServiceError, SpTicket } from './types.js';
import { verifyChecksum } from './verifyChecksum.js';

export type TicketOutcome = { ok: true; spTicket: string; ticket: SpTicket } | { ok: false; error: ServiceError };

/**
 * Reads the answer to ATH-01 or ATH-03. Success needs error_code "0", an idp_checksum over
 * transaction_id, error_code, sp_ticket that verifies under `key`, and a ticket naming our
 * transaction. A service error comes back mapped (IDNUM_DEVPROF_NF → ERR_PUSH_NO_DEVICE, …).
 */
export function parseTicketResponse(body: unknown, { key, transactionId }: { key: Uint8Array; transactionId: string }): TicketOutcome {
  const envelope = readEnvelope(body);
  if (!envelope) return { ok: false, error: malformedAnswer('no error_code') };
  if (envelope.errorCode !== '0') return { ok: false, error: serviceError(envelope.errorCode, envelope.errorMessage) };
  const spTicket = envelope.result?.sp_ticket;
  const checksum = envelope.result?.idp_checksum;
  if (typeof spTicket !== 'string' || typeof checksum !== 'string') return { ok: false, error: malformedAnswer('no sp_ticket') };
  const fields = checksumValues('ticketResponse', { transaction_id: transactionId, error_code: '0', sp_ticket: spTicket });
  if (!verifyChecksum({ key, fields, checksum }).valid) return { ok: false, error: badChecksum() };
  const ticket = parseSpTicket(spTicket);
  if (!ticket) return { ok: false, error: malformedAnswer('unreadable sp_ticket') };
  if (ticket.transaction_id !== transactionId) return { ok: false, error: malformedAnswer('the ticket names another transaction') };
  return { ok: true, spTicket, ticket };
}
