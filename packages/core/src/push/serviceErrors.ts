import type { GcisErrorCode } from '../errors.js';
import type { ServiceError } from './types.js';

/**
 * ATH-02 codes that mean "the holder has not answered yet": 20002 (pushed, not opened) and 20003
 * (opened, not answered), as docs/real-services.md names them, and SPTKTID_TXNLOG_NF ("no result yet", §伍).
 */
export const pendingServiceCodes: ReadonlySet<string> = new Set(['20002', '20003', 'SPTKTID_TXNLOG_NF']);

const mapping: Record<string, [GcisErrorCode, string]> = {
  IDNUM_DEVPROF_NF: ['ERR_PUSH_NO_DEVICE', 'No mobile certificate app is bound to this ID.'],
  IDNUM_USERPROF_NF: ['ERR_PUSH_NO_DEVICE', 'No mobile certificate app is bound to this ID.'],
  DEVID_DEVPROF_NF: ['ERR_PUSH_NO_DEVICE', 'The device is no longer bound (its certificate was revoked).'],
  DEV_DESC_MISMATCH: ['ERR_PUSH_NO_DEVICE', 'No bound device has that name.'],
  SPTKT_OVD: ['ERR_PUSH_EXPIRED', 'The request expired before the phone answered.'],
  APP_USER_CANCEL: ['ERR_PUSH_DENIED', 'The request was declined on the phone.'],
  APP_SIGN_FAILURE: ['ERR_PUSH_DENIED', 'The phone app could not sign the request.'],
  APP_DECODE_FAIL: ['ERR_PUSH_DENIED', 'The phone app could not read the request.'],
  APP_DATA_NULL: ['ERR_PUSH_DENIED', 'The phone app returned no signature.'],
  PM_INV_SG: ['ERR_PUSH_SIGNATURE', "The service could not verify the phone's signature."],
  PM_SIGDATA_ERR: ['ERR_PUSH_SIGNATURE', "The phone's signature is malformed."],
  CERT_SIGNDATA_MISMATCH: ['ERR_PUSH_SIGNATURE', 'The signature does not match the data to sign.'],
  CERT_SIGNDATA_ERR: ['ERR_PUSH_SIGNATURE', 'The signature could not be parsed.'],
  SPTKTID_SPTKT_RDM: ['ERR_PUSH_REPLAY', 'This request was already redeemed.'],
  INV_SP_CHECKSUM: ['ERR_PUSH_CHECKSUM', 'The service refused our checksum: check the service id and key.'],
  PM_IDN_FT_ERR: ['ERR_INVALID_NATIONAL_ID', 'The service refused the national ID format.'],
};

/** Strips the interface prefix (`SP-API-ATH-02-`) and any trailing text (`SPTKTID_TXNLOG_NF: …`). */
export function normalizeServiceCode(raw: string): string {
  return raw.trim().replace(/^SP-API-[A-Z]+-\d+-/, '').replace(/[:\s].*$/, '');
}

/**
 * What a service error code means as a GcisError code. Unknown and configuration codes
 * (SPSVCID_NF, SIGNDATA_LEN_LIMIT, SPTKT_TIME_ORV, TXNLOG_INS_ERR, DB_…, PS_…) are ERR_PUSH_SERVICE.
 */
export function serviceError(rawCode: string, serviceMessage = ''): ServiceError {
  const serviceCode = normalizeServiceCode(rawCode);
  const [code, message] = mapping[serviceCode] ?? [
    'ERR_PUSH_SERVICE',
    `The mobile certificate service answered ${serviceCode}${serviceMessage ? ` (${serviceMessage})` : ''}.`,
  ];
  return { serviceCode, code, message };
}

export function isPendingServiceCode(rawCode: string): boolean {
  return pendingServiceCodes.has(normalizeServiceCode(rawCode));
}
