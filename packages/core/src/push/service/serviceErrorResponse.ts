import type { ServiceEnvelope } from '../types.js';

export type ServiceInterface = 'ATH-01' | 'ATH-02' | 'ATH-03';

/**
 * Service side: an error answer. Named codes carry the interface prefix ("介面編號-系統錯誤代碼",
 * e.g. SP-API-ATH-03-IDNUM_DEVPROF_NF); the numeric "not yet" codes 20002 / 20003 do not.
 * Error answers carry no idp_checksum.
 */
export function serviceErrorResponse(api: ServiceInterface, code: string, message: string): ServiceEnvelope<never> {
  return { error_code: /^\d+$/.test(code) ? code : `SP-API-${api}-${code}`, error_message: message };
}
