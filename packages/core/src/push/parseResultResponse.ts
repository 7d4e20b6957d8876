import { checksumValues } from './lib/checksumFields.js';
import { badChecksum, malformedAnswer, readEnvelope } from './lib/envelope.js';
import { isPendingServiceCode, normalizeServiceCode, serviceError } from './serviceErrors.js';
import type { ServiceError } from './types.js';
import { verifyChecksum } from './verifyChecksum.js';

export type SignOutcome = {
  hashedIdNum: string;
  /** base64, as received. */
  signedResponse: string;
  /** DER. */
  certificate: Uint8Array;
};

export type ResultOutcome =
  | { status: 'pending'; serviceCode: string }
  /** Not an answer of the service (no error_code): something in between spoke; ask again. */
  | { status: 'unavailable'; reason: string }
  | { status: 'signed'; result: SignOutcome }
  | { status: 'failed'; error: ServiceError };

/**
 * Reads the answer to ATH-02. A body without error_code is `unavailable` — no word from the
 * service, so not a reason to end the login. "Not yet" codes (20002, 20003, SPTKTID_TXNLOG_NF) are `pending`;
 * success needs an idp_checksum over transaction_id, error_code, hashed_id_num, signed_response
 * that verifies under `key`, and a certificate. The certificate is outside the checksum: the
 * caller must validate it (verifySignedResponse) — never trust it for being here.
 */
export function parseResultResponse(body: unknown, { key, transactionId }: { key: Uint8Array; transactionId: string }): ResultOutcome {
  const envelope = readEnvelope(body);
  if (!envelope) return { status: 'unavailable', reason: 'the answer has no error_code' };
  if (isPendingServiceCode(envelope.errorCode)) return { status: 'pending', serviceCode: normalizeServiceCode(envelope.errorCode) };
  if (envelope.errorCode !== '0') return { status: 'failed', error: serviceError(envelope.errorCode, envelope.errorMessage) };
  const { hashed_id_num: hashedIdNum, signed_response: signedResponse, cert, idp_checksum: checksum } = envelope.result ?? {};
  if (typeof hashedIdNum !== 'string' || typeof checksum !== 'string') return { status: 'failed', error: malformedAnswer('no hashed_id_num') };
  const fields = checksumValues('resultResponse', {
    transaction_id: transactionId,
    error_code: '0',
    hashed_id_num: hashedIdNum,
    signed_response: typeof signedResponse === 'string' ? signedResponse : undefined,
  });
  if (!verifyChecksum({ key, fields, checksum }).valid) return { status: 'failed', error: badChecksum() };
  if (typeof signedResponse !== 'string' || !signedResponse) return { status: 'failed', error: malformedAnswer('no signed_response') };
  if (typeof cert !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(cert)) return { status: 'failed', error: malformedAnswer('no cert') };
  return { status: 'signed', result: { hashedIdNum, signedResponse, certificate: new Uint8Array(Buffer.from(cert, 'base64')) } };
}
