import { GcisError } from '../../errors.js';
import { validateNationalId } from '../../id/validateNationalId.js';
import type { SignInfo } from '../types.js';

/** time_limit bounds (SPTKT_TIME_ORV outside them). */
export const timeLimitSeconds = { min: 30, max: 600 } as const;
/** SIGNDATA_LEN_LIMIT: sign_data is at most 1024 characters. */
export const maxSignDataChars = 1024;

/**
 * Refuses, before anything is sent, what the service would refuse after the national ID has
 * already left: a malformed ID, a time limit outside 30–600 s, SIGN without sign_info, long sign_data.
 */
export function checkRequestFields({
  idNum,
  opCode,
  timeLimit,
  signInfo,
}: {
  idNum: string;
  opCode: string;
  timeLimit?: number;
  signInfo?: SignInfo;
}): string {
  const id = validateNationalId(idNum);
  if (!id.valid) throw new GcisError('ERR_INVALID_NATIONAL_ID', `Not a valid national ID (${id.reason}).`);
  if (timeLimit !== undefined && (!Number.isInteger(timeLimit) || timeLimit < timeLimitSeconds.min || timeLimit > timeLimitSeconds.max)) {
    throw new GcisError('ERR_INVALID_INPUT', `time_limit must be a whole number of seconds from 30 to 600, not ${timeLimit}.`);
  }
  if (opCode === 'SIGN' && !signInfo) throw new GcisError('ERR_INVALID_INPUT', 'op_code SIGN needs sign_info.');
  if (signInfo && signInfo.sign_data.length > maxSignDataChars) {
    throw new GcisError('ERR_INVALID_INPUT', `sign_data is limited to ${maxSignDataChars} characters.`);
  }
  return id.id;
}
