import { computeChecksum } from './computeChecksum.js';
import { checksumValues } from './lib/checksumFields.js';
import type { ResultRequest } from './types.js';

export type BuildResultRequestOptions = {
  key: Uint8Array;
  serviceId: string;
  transactionId: string;
  spTicketId: string;
  iv?: Uint8Array;
};

/**
 * SP-API-ATH-02 getAthOrSignResult: sp_checksum over transaction_id, sp_service_id,
 * sp_ticket_id. The service allows one poll every 4 s; pacing is the caller's job.
 */
export function buildResultRequest({ key, serviceId, transactionId, spTicketId, iv }: BuildResultRequestOptions): ResultRequest {
  const fields = checksumValues('resultRequest', {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    sp_ticket_id: spTicketId,
  });
  return {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    sp_checksum: computeChecksum({ key, fields, iv }),
    sp_ticket_id: spTicketId,
  };
}
