import { isGcisError } from '../../errors.js';
import { fail, type PathFailure } from './result.js';

/**
 * Reads the inputs that came as DER with `read`, passing the others through. What cannot be read
 * is a result with `code` rather than a throw: certificates and CRLs are data from outside.
 */
export function readInputs<T>(
  inputs: readonly (Uint8Array | T)[],
  read: (der: Uint8Array) => T,
  code: 'ERR_CERT_MALFORMED' | 'ERR_CRL_MALFORMED',
): T[] | PathFailure {
  const results: T[] = [];
  for (const input of inputs) {
    if (!(input instanceof Uint8Array)) {
      results.push(input);
      continue;
    }
    try {
      results.push(read(input));
    } catch (error) {
      if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
      return fail(code, `A ${code === 'ERR_CERT_MALFORMED' ? 'certificate' : 'CRL'} cannot be read: ${error.message}`);
    }
  }
  return results;
}
