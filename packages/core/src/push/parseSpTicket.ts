import type { SpTicket } from './types.js';

/**
 * Reads the payload of an sp_ticket: `base64url(JSON) "." digest`, the digest being the service's
 * own seal (checked by the service, SPTKT_DIG_FT_ERR; opaque to the relying party). Undefined when
 * the ticket is not in that shape or lacks transaction_id / sp_ticket_id.
 */
export function parseSpTicket(spTicket: string): SpTicket | undefined {
  if (typeof spTicket !== 'string') return undefined;
  const dot = spTicket.lastIndexOf('.');
  if (dot <= 0) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(spTicket.slice(0, dot), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const fields = payload as Record<string, unknown>;
  if (typeof fields.transaction_id !== 'string' || typeof fields.sp_ticket_id !== 'string' || !fields.sp_ticket_id) return undefined;
  const strings = Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string'));
  return strings as SpTicket;
}
