import { request, type Dispatcher } from 'undici';
import type {
  BoundCertificate,
  CaptchaChallenge,
  CertificateChallenge,
  CertificateLoginRequest,
  ErrorBody,
  Health,
  OneDayPasswordIssued,
  OneDayPasswordLoginRequest,
  PushLoginRequest,
  PushStatus,
  PushTransaction,
  Session,
  TotpConfirmRequest,
  TotpKey,
  Revoked,
  TotpLoginRequest,
  WhoAmI,
} from '../api/schemas.js';
import { GcisError, isGcisErrorCode } from '../errors.js';
import { describeNetworkFailure } from './describeNetworkFailure.js';

export type ClientOptions = {
  /** Base URL of a gcis-server, e.g. `http://127.0.0.1:8470`. */
  server: string;
  /** Session token for the routes that need one. */
  token?: string;
  /** undici dispatcher (proxy, test agent); the global one by default. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
};

/** A typed client of every gcis-server route; failures throw `GcisError` with the server's code. */
export function createClient({ server, token, dispatcher, timeoutMs = 30_000 }: ClientOptions) {
  const base = normalizeServerUrl(server);

  /** `action` says what the request is for, in a person's words: errors start with "could not <action>". */
  async function call<T>(action: string, method: Dispatcher.HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Dispatcher.ResponseData;
    try {
      response = await request(new URL(path, base), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal,
      });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const { reason } = describeNetworkFailure(cause);
      throw new GcisError('ERR_NETWORK', `Could not ${action}: cannot reach the gcis server at ${base.origin}: ${reason}.`, { cause });
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const { reason } = describeNetworkFailure(cause);
      throw new GcisError('ERR_NETWORK', `Could not ${action}: the answer of ${base.origin} broke off: ${reason}.`, { cause });
    }
    const parsed = parseJson(text);
    if (response.statusCode >= 200 && response.statusCode < 300) return parsed as T;
    throw toError(response.statusCode, parsed, `Could not ${action}: the server at ${base.origin}`);
  }

  return {
    server: base.origin,
    health: () => call<Health>('check the server', 'GET', '/healthz'),
    captcha: () => call<CaptchaChallenge>('get a captcha from the server', 'POST', '/v1/captcha', {}),
    loginTotp: (body: TotpLoginRequest) => call<Session>('log in with the TOTP code', 'POST', '/v1/login/totp', body),
    loginOneDayPassword: (body: OneDayPasswordLoginRequest) =>
      call<Session>('log in with the one-day password', 'POST', '/v1/login/one-day-password', body),
    certificateChallenge: () =>
      call<CertificateChallenge>('get a challenge for the card to sign', 'POST', '/v1/login/certificate/challenge', {}),
    loginCertificate: (body: CertificateLoginRequest) => call<Session>('log in with the card', 'POST', '/v1/login/certificate', body),
    /** Needs a session: proves possession of the card over a fresh challenge and binds it to this account. */
    bindCertificate: (body: CertificateLoginRequest) =>
      call<BoundCertificate>('bind the card to the account', 'POST', '/v1/certificate/bind', body),
    loginPush: (body: PushLoginRequest) => call<PushTransaction>('send the login request to the phone', 'POST', '/v1/login/push', body),
    /** Long poll: the server answers when the phone does, or after `waitSeconds` (0–25) with `pending`. */
    pushStatus: (transactionId: string, waitSeconds: number, { signal }: { signal?: AbortSignal } = {}) =>
      call<PushStatus>('learn whether the phone confirmed', 'GET', `/v1/login/push/${encodeURIComponent(transactionId)}?wait=${waitSeconds}`, undefined, signal),
    cancelPush: (transactionId: string) =>
      call<PushStatus>('cancel the phone login', 'DELETE', `/v1/login/push/${encodeURIComponent(transactionId)}`),
    whoami: () => call<WhoAmI>('ask the server who is logged in', 'GET', '/v1/session'),
    logout: () => call<Revoked>('end the session on the server', 'DELETE', '/v1/session'),
    totpShow: () => call<TotpKey>('get the QR code', 'GET', '/v1/totp'),
    totpRebuild: () => call<TotpKey>('make a new QR code', 'POST', '/v1/totp/rebuild', {}),
    totpConfirm: (body: TotpConfirmRequest) => call<TotpKey>('confirm the new QR code', 'POST', '/v1/totp/rebuild/confirm', body),
    /** Administrator routes: `token` must be the administrator token that `gcis-server init` printed. */
    admin: {
      enableOneDayPassword: (account: string) =>
        call<OneDayPasswordIssued>('enable the one-day password', 'POST', `/v1/admin/accounts/${encodeURIComponent(account)}/one-day-password`, {}),
      disableOneDayPassword: (account: string) =>
        call<Revoked>('disable the one-day password', 'DELETE', `/v1/admin/accounts/${encodeURIComponent(account)}/one-day-password`),
    },
  };
}

export type GcisClient = ReturnType<typeof createClient>;

/** Accepts `host:port` or a full URL; refuses anything that is not http(s). */
export function normalizeServerUrl(server: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `http://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new GcisError('ERR_USAGE', `Not a server URL: ${server}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GcisError('ERR_USAGE', `The server URL must be http or https: ${server}`);
  }
  return new URL(url.origin);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server's own error (its code and words) as it is; an unknown route (an older server,
 * another program at that address) or an answer without a gcis error in the user's words.
 */
function toError(status: number, body: unknown, failed: string): GcisError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error?.code === 'ERR_NOT_FOUND') {
    // The server's message names the route (or its own record); the user asked for something else.
    return new GcisError('ERR_NOT_FOUND', `${failed} does not know this request (HTTP 404; a gcis server of another version?).`, { status });
  }
  if (error && isGcisErrorCode(error.code)) {
    return new GcisError(error.code, error.message, { status, retryAfterSeconds: error.retryAfterSeconds });
  }
  return new GcisError('ERR_BAD_RESPONSE', `${failed} answered HTTP ${status}, not as a gcis server does.`, { status });
}
