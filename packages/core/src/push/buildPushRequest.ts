import { computeChecksum } from './computeChecksum.js';
import { checkRequestFields } from './lib/checkRequestFields.js';
import { checksumValues } from './lib/checksumFields.js';
import type { OpCode, PushRequest, SignInfo } from './types.js';

export type BuildPushRequestOptions = {
  key: Uint8Array;
  serviceId: string;
  transactionId: string;
  idNum: string;
  opCode: OpCode;
  /** Shown by the app; gcis puts the match code here (see pushHint). */
  hint: string;
  timeLimitSeconds?: number;
  signInfo?: SignInfo;
  deviceName?: string;
  iv?: Uint8Array;
};

/**
 * SP-API-ATH-03 requestAthOrSignPush: the body, with sp_checksum over transaction_id,
 * sp_service_id, id_num, device_user_def_desc, op_code, hint, sign_data. Throws on a malformed ID,
 * a time limit outside 30–600 s or SIGN without sign_info, so nothing leaves for a request the
 * service would refuse.
 */
export function buildPushRequest(options: BuildPushRequestOptions): PushRequest {
  const { key, serviceId, transactionId, opCode, hint, timeLimitSeconds, signInfo, deviceName, iv } = options;
  const idNum = checkRequestFields({ idNum: options.idNum, opCode, timeLimit: timeLimitSeconds, signInfo });
  const fields = checksumValues('pushRequest', {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    id_num: idNum,
    device_user_def_desc: deviceName,
    op_code: opCode,
    hint,
    sign_data: signInfo?.sign_data,
  });
  return {
    transaction_id: transactionId,
    sp_service_id: serviceId,
    sp_checksum: computeChecksum({ key, fields, iv }),
    id_num: idNum,
    op_code: opCode,
    hint,
    ...(deviceName !== undefined && { device_user_def_desc: deviceName }),
    ...(timeLimitSeconds !== undefined && { time_limit: timeLimitSeconds }),
    ...(signInfo && { sign_info: signInfo }),
  };
}
