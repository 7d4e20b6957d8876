/**
 * Stable error codes. The code — never the message — is what the server puts in
 * `error.code`, what the CLI maps to an exit code and what tests assert.
 */
export const errorCodes = [
  // input and protocol misuse
  'ERR_INVALID_INPUT',
  'ERR_INVALID_NATIONAL_ID',
  'ERR_PASSWORD_POLICY',
  'ERR_INVALID_SECRET',
  'ERR_NOT_FOUND',
  // login outcomes
  'ERR_LOGIN_FAILED',
  'ERR_CAPTCHA_REQUIRED',
  'ERR_CAPTCHA_INVALID',
  'ERR_RATE_LIMITED',
  'ERR_TOTP_REPLAY',
  'ERR_TOTP_STALE_VERSION',
  'ERR_TOTP_NOT_ENROLLED',
  'ERR_TOTP_NO_PENDING',
  'ERR_TOTP_INVALID_CODE',
  'ERR_CHECK_CODE_EXPIRED',
  'ERR_CHECK_CODE_NOT_ISSUED',
  // sessions
  'ERR_UNAUTHENTICATED',
  'ERR_STEP_UP_REQUIRED',
  // administration
  'ERR_ACCOUNT_EXISTS',
  'ERR_NATIONAL_ID_TAKEN',
  'ERR_EMAIL_TAKEN',
  'ERR_NO_ACCOUNT',
  'ERR_DATA_DIR',
  'ERR_DATA_DIR_PERMISSIONS',
  'ERR_MAIL_FAILED',
  // the server's database (PostgreSQL) cannot be reached or was lost; the server reconnects by itself
  'ERR_STORE_UNAVAILABLE',
  // client side
  'ERR_NETWORK',
  'ERR_BAD_RESPONSE',
  'ERR_USAGE',
  'ERR_MISSING_INPUT',
  'ERR_NOT_LOGGED_IN',
  'ERR_STORE_CORRUPT',
  'ERR_STORE_LOCKED',
  'ERR_CANCELLED',
  'ERR_TIMEOUT',
  // certificate login, client side: smart card, PKCS#11 module, HiPKI local server
  'ERR_PIN_INCORRECT',
  'ERR_PIN_LOCKED',
  'ERR_PIN_FORMAT',
  'ERR_NO_CARD',
  'ERR_PKCS11_MODULE',
  'ERR_CARD_CERT_NOT_FOUND',
  'ERR_HIPKI',
  'ERR_HIPKI_ORIGIN',
  // card agent (gcis agent): unreachable or ended, or a socket another user could have planted
  'ERR_AGENT',
  'ERR_AGENT_UNSAFE',
  'ERR_INTERNAL',
  // certificate path validation (RFC 5280 §6.1) and CRLs (§6.3): results of verifyCertificatePath
  'ERR_CERT_UNTRUSTED',
  'ERR_CERT_MALFORMED',
  'ERR_CERT_PATH',
  'ERR_CERT_SIGNATURE',
  'ERR_CERT_EXPIRED',
  'ERR_CERT_NOT_YET_VALID',
  'ERR_CERT_USAGE',
  'ERR_CERT_EXTENSION',
  'ERR_CERT_POLICY',
  'ERR_CERT_NAME_CONSTRAINTS',
  'ERR_CERT_REVOKED',
  'ERR_CRL_MISSING',
  'ERR_CRL_STALE',
  'ERR_CRL_INVALID',
  'ERR_CRL_MALFORMED',
  'ERR_PATH_BUDGET',
  // certificate login, server side: results of verifyLoginSignature, then the server's challenges and bindings
  'ERR_SIGNATURE_MALFORMED',
  'ERR_SIGNATURE_INVALID',
  'ERR_CERT_PROFILE',
  'ERR_CHALLENGE_MISMATCH',
  'ERR_ORIGIN_MISMATCH',
  'ERR_CHALLENGE_EXPIRED',
  'ERR_CHALLENGE_UNKNOWN',
  'ERR_CERT_BOUND',
  // push login (行動自然人憑證, TW FidO): relying party, the service's answers, emulator binding
  'ERR_PUSH_NOT_CONFIGURED',
  'ERR_PUSH_NO_DEVICE',
  'ERR_PUSH_LIMIT',
  'ERR_PUSH_DENIED',
  'ERR_PUSH_EXPIRED',
  'ERR_PUSH_REPLAY',
  'ERR_PUSH_SIGNATURE',
  'ERR_PUSH_IDENTITY',
  'ERR_PUSH_CHECKSUM',
  'ERR_PUSH_SERVICE',
  'ERR_PUSH_BINDING',
] as const;

export type GcisErrorCode = (typeof errorCodes)[number];

export type GcisErrorOptions = {
  cause?: unknown;
  /** HTTP status the server answered with, when the error came over the wire. */
  status?: number;
  /** Seconds to wait before trying again (rate limits, temporary locks). */
  retryAfterSeconds?: number;
};

export class GcisError extends Error {
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: GcisErrorCode,
    message: string,
    { cause, status, retryAfterSeconds }: GcisErrorOptions = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isGcisError(error: unknown, code?: GcisErrorCode): error is GcisError {
  return error instanceof GcisError && (code === undefined || error.code === code);
}

export function isGcisErrorCode(value: unknown): value is GcisErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/**
 * The exit codes of both command-line tools (README "Exit codes"), so a script treats `gcis` and
 * `gcis-server` alike: 1 any other error, 2 bad flags or input, 3 cancelled or timed out, 4 not
 * logged in or rejected (a login, a certificate, a CRL), 130 interrupted.
 */
export const exitCodes = {
  ok: 0,
  error: 1,
  usage: 2,
  cancelled: 3,
  rejected: 4,
  interrupted: 130,
} as const;
