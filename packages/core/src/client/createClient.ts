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

  async function call<T>(method: Dispatcher.HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
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
      throw new GcisError('ERR_NETWORK', `Cannot reach the gcis server at ${base.origin}.`, { cause });
    }
    const text = await response.body.text();
    const parsed = parseJson(text);
    if (response.statusCode >= 200 && response.statusCode < 300) return parsed as T;
    throw toError(response.statusCode, parsed);
  }

  return {
    server: base.origin,
    health: () => call<Health>('GET', '/healthz'),
    captcha: () => call<CaptchaChallenge>('POST', '/v1/captcha', {}),
    loginTotp: (body: TotpLoginRequest) => call<Session>('POST', '/v1/login/totp', body),
    loginOneDayPassword: (body: OneDayPasswordLoginRequest) => call<Session>('POST', '/v1/login/one-day-password', body),
    certificateChallenge: () => call<CertificateChallenge>('POST', '/v1/login/certificate/challenge', {}),
    loginCertificate: (body: CertificateLoginRequest) => call<Session>('POST', '/v1/login/certificate', body),
    /** Needs a session: proves possession of the card over a fresh challenge and binds it to this account. */
    bindCertificate: (body: CertificateLoginRequest) => call<BoundCertificate>('POST', '/v1/certificate/bind', body),
    loginPush: (body: PushLoginRequest) => call<PushTransaction>('POST', '/v1/login/push', body),
    /** Long poll: the server answers when the phone does, or after `waitSeconds` (0–25) with `pending`. */
    pushStatus: (transactionId: string, waitSeconds: number, { signal }: { signal?: AbortSignal } = {}) =>
      call<PushStatus>('GET', `/v1/login/push/${encodeURIComponent(transactionId)}?wait=${waitSeconds}`, undefined, signal),
    cancelPush: (transactionId: string) => call<PushStatus>('DELETE', `/v1/login/push/${encodeURIComponent(transactionId)}`),
    whoami: () => call<WhoAmI>('GET', '/v1/session'),
    logout: () => call<Revoked>('DELETE', '/v1/session'),
    totpShow: () => call<TotpKey>('GET', '/v1/totp'),
    totpRebuild: () => call<TotpKey>('POST', '/v1/totp/rebuild', {}),
    totpConfirm: (body: TotpConfirmRequest) => call<TotpKey>('POST', '/v1/totp/rebuild/confirm', body),
    /** Administrator routes: `token` must be the administrator token that `gcis-server init` printed. */
    admin: {
      enableOneDayPassword: (account: string) =>
        call<OneDayPasswordIssued>('POST', `/v1/admin/accounts/${encodeURIComponent(account)}/one-day-password`, {}),
      disableOneDayPassword: (account: string) =>
        call<Revoked>('DELETE', `/v1/admin/accounts/${encodeURIComponent(account)}/one-day-password`),
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

function toError(status: number, body: unknown): GcisError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error && isGcisErrorCode(error.code)) {
    return new GcisError(error.code, error.message, { status, retryAfterSeconds: error.retryAfterSeconds });
  }
  return new GcisError('ERR_BAD_RESPONSE', `The server answered HTTP ${status} without a gcis error.`, { status });
}
