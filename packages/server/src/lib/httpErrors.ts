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
  ERR_FRESH_LOGIN_REQUIRED: 403,
  ERR_NOT_FOUND: 404,
  ERR_NO_ACCOUNT: 404,
  ERR_CHECK_CODE_EXPIRED: 401,
  ERR_CHECK_CODE_NOT_ISSUED: 401,
  ERR_MAIL_FAILED: 502,
  ERR_TOTP_NOT_ENROLLED: 404,
  ERR_TOTP_NO_PENDING: 409,
  ERR_RATE_LIMITED: 429,
};

export function httpStatusFor(error: GcisError): number {
  return statusByCode[error.code] ?? 500;
}

/** The one rejection every password login gives for unknown account, wrong secret or lock. */
export function loginFailed(): GcisError {
  return new GcisError('ERR_LOGIN_FAILED', 'The account, password or code is not correct, or the account is locked.');
}
