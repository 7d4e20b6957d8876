import { GcisError } from '../../errors.js';
import { ckrCode, type Pkcs11Namespace } from './cryptoki.js';

/**
 * A GcisError for whatever a PKCS#11 call threw. PIN rejections are mapped where C_Login is
 * called (they need the token's flags); anything unrecognised is a module failure, named by
 * its CKR_* code.
 */
export function toGcisError(ck: Pkcs11Namespace, error: unknown, operation: string): GcisError {
  if (error instanceof GcisError) return error;
  const code = ckrCode(error);
  if (code === undefined) {
    return new GcisError('ERR_PKCS11_MODULE', `${operation} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  switch (code) {
    case ck.CKR_TOKEN_NOT_PRESENT:
    case ck.CKR_DEVICE_REMOVED:
    case ck.CKR_TOKEN_NOT_RECOGNIZED:
      return new GcisError('ERR_NO_CARD', `${operation} failed: the card was removed or cannot be read`, { cause: error });
    case ck.CKR_PIN_LEN_RANGE:
    case ck.CKR_PIN_INVALID:
      return new GcisError('ERR_PIN_FORMAT', 'The card refused the PIN format', { cause: error });
    case ck.CKR_FUNCTION_CANCELED:
      return new GcisError('ERR_CANCELLED', `${operation} was cancelled on the reader`, { cause: error });
    default:
      return new GcisError('ERR_PKCS11_MODULE', `${operation} failed: ${(error as Error).message}`, { cause: error });
  }
}
