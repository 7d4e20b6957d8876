import type { ServiceError } from '../types.js';

/** The envelope fields every answer has; anything else about a non-object body is a service fault. */
export function readEnvelope(body: unknown): { errorCode: string; errorMessage: string; result: Record<string, unknown> | undefined } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error_code: errorCode, error_message: errorMessage, result } = body as Record<string, unknown>;
  if (typeof errorCode !== 'string' && typeof errorCode !== 'number') return undefined;
  return {
    errorCode: String(errorCode),
    errorMessage: typeof errorMessage === 'string' ? errorMessage : '',
    result: typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : undefined,
  };
}

export const malformedAnswer = (what: string): ServiceError => ({
  serviceCode: 'MALFORMED',
  code: 'ERR_PUSH_SERVICE',
  message: `The mobile certificate service sent a malformed answer (${what}).`,
});

export const badChecksum = (): ServiceError => ({
  serviceCode: 'IDP_CHECKSUM',
  code: 'ERR_PUSH_CHECKSUM',
  message: "The service's idp_checksum does not verify: the answer was altered, or the key is wrong.",
});
