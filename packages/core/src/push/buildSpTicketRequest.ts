import { computeChecksum } from './computeChecksum.js';
import { checkRequestFields } from './lib/checkRequestFields.js';
import { checksumValues } from './lib/checksumFields.js';
import type { OpCode, OpMode, SignInfo, SpTicketRequest } from './types.js';

export type BuildSpTicketRequestOptions = {
  key: Uint8Array;
  serviceId: string;
  transactionId: string;
  idNum: string;
  opCode: OpCode;
  opMode: OpMode;
  hint: string;
  timeLimitSeconds?: number;
  signInfo?: SignInfo;
  iv?: Uint8Array;
};

/**
 * SP-API-ATH-01 getSpTicket: a ticket for the phone to pick up by QR code (I-SCAN) or app link
 * (APP2APP, MWEB2APP), sp_checksum over transaction_id, sp_service_id, id_num, op_code, op_mode,
 * hint, sign_data. gcis logs in by push (ATH-03); this is here for integrators and the emulator.
 */
export function buildSpTicketRequest(options: BuildSpTicketRequestOptions): SpTicketRequest {
  const { key, serviceId, transactionId, opCode, opMode, hint, timeLimitSeconds, signInfo, iv } = options;
  const idNum = checkRequestFields({ idNum: options.idNum, opCode, timeLimit: timeLimitSeconds, signInfo });
  const fields = checksumValues('spTicketRequest', {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    id_num: idNum,
    op_code: opCode,
    op_mode: opMode,
    hint,
    sign_data: signInfo?.sign_data,
  });
  return {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    sp_checksum: computeChecksum({ key, fields, iv }),
    id_num: idNum,
    op_code: opCode,
    op_mode: opMode,
    hint,
    ...(timeLimitSeconds !== undefined && { time_limit: timeLimitSeconds }),
    ...(signInfo && { sign_info: signInfo }),
  };
}
