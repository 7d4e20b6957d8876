import { GcisError, type GcisErrorCode } from '@gcis/core';

const statusByCode: Partial<Record<GcisErrorCode, number>> = {
  ERR_INVALID_INPUT: 400,
  ERR_INVALID_NATIONAL_ID: 400,
  ERR_PASSWORD_POLICY: 400,
  ERR_TOTP_INVALID_CODE: 400,
  ERR_LOGIN_FAILED: 401,
  ERR_CAPTCHA_REQUIRED: 401,
  ERR_CAPTCHA_INVALID: 401,
  ERR_TOTP_REPLAY: 401,
  ERR_TOTP_STALE_VERSION: 401,
  ERR_UNAUTHENTICATED: 401,
  ERR_STEP_UP_REQUIRED: 403,
  ERR_NOT_FOUND: 404,
  ERR_NO_ACCOUNT: 404,
  ERR_CHECK_CODE_EXPIRED: 401,
  ERR_CHECK_CODE_NOT_ISSUED: 401,
  ERR_MAIL_FAILED: 502,
  ERR_STORE_UNAVAILABLE: 503,
  ERR_TOTP_NOT_ENROLLED: 404,
  ERR_TOTP_NO_PENDING: 409,
  ERR_RATE_LIMITED: 429,
  // certificate login: a refused signature or certificate is a failed login; no usable CRL is the server's state (fail closed)
  ERR_SIGNATURE_MALFORMED: 400,
  ERR_SIGNATURE_INVALID: 401,
  ERR_CHALLENGE_MISMATCH: 401,
  ERR_ORIGIN_MISMATCH: 401,
  ERR_CHALLENGE_EXPIRED: 401,
  ERR_CHALLENGE_UNKNOWN: 401,
  ERR_CERT_PROFILE: 401,
  ERR_CERT_UNTRUSTED: 401,
  ERR_CERT_PATH: 401,
  ERR_CERT_SIGNATURE: 401,
  ERR_CERT_EXPIRED: 401,
  ERR_CERT_NOT_YET_VALID: 401,
  ERR_CERT_USAGE: 401,
  ERR_CERT_EXTENSION: 401,
  ERR_CERT_MALFORMED: 401,
  ERR_CERT_POLICY: 401,
  ERR_CERT_NAME_CONSTRAINTS: 401,
  ERR_CERT_REVOKED: 401,
  ERR_CRL_MISSING: 503,
  ERR_CRL_STALE: 503,
  ERR_CRL_INVALID: 503,
  ERR_CRL_MALFORMED: 503,
  ERR_CERT_BOUND: 409,
  // push login
  ERR_PUSH_NOT_CONFIGURED: 503,
  ERR_PUSH_NO_DEVICE: 404,
  ERR_PUSH_LIMIT: 429,
  ERR_PUSH_SERVICE: 502,
  ERR_PUSH_CHECKSUM: 502,
  ERR_PUSH_BINDING: 400,
};

export function httpStatusFor(error: GcisError): number {
  return statusByCode[error.code] ?? 500;
}

/** The one rejection every password login gives for unknown account, wrong secret or lock. */
export function loginFailed(): GcisError {
  return new GcisError('ERR_LOGIN_FAILED', 'The account, password or code is not correct, or the account is locked.');
}
