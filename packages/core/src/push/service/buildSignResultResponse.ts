import { computeChecksum } from '../computeChecksum.js';
import { checksumValues } from '../lib/checksumFields.js';
import type { SignResultResponse } from '../types.js';

/**
 * Service side of ATH-02 once the phone has signed: idp_checksum over transaction_id,
 * error_code, hashed_id_num, signed_response; the certificate (DER) rides along, base64.
 */
export function buildSignResultResponse({
  key,
  transactionId,
  hashedIdNum,
  signedResponse,
  certificate,
  iv,
}: {
  key: Uint8Array;
  transactionId: string;
  hashedIdNum: string;
  signedResponse: string;
  certificate: Uint8Array;
  iv?: Uint8Array;
}): SignResultResponse {
  const fields = checksumValues('resultResponse', {
    transaction_id: transactionId,
    error_code: '0',
    hashed_id_num: hashedIdNum,
    signed_response: signedResponse,
  });
  return {
    error_code: '0',
    error_message: '',
    transaction_id: transactionId,
    result: {
      hashed_id_num: hashedIdNum,
      signed_response: signedResponse,
      cert: Buffer.from(certificate).toString('base64'),
      idp_checksum: computeChecksum({ key, fields, iv }),
    },
  };
}
