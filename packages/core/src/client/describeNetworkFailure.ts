/** Why a request never got an answer: the system or TLS code, and a few words a person understands. */
export type NetworkFailure = { code: string | undefined; reason: string };

const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed for now',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stopped in the middle',
  UND_ERR_SOCKET: 'the connection broke',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate verify failed (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: certificate verify failed (unknown issuer)',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
  CERT_NOT_YET_VALID: 'TLS: certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate is for another host name',
  EPROTO: 'TLS handshake failed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is it plain http?)',
};

/**
 * Walks an undici / Node error and its causes (`cause`, AggregateError's `errors`) to the first
 * one with a code: ECONNREFUSED, ENOTFOUND, a TLS verify code… The code stays machine-readable on
 * `error.cause.code`; the reason goes into the message, with the address Node names (which is the
 * proxy's when a proxy is in the way).
 */
export function describeNetworkFailure(error: unknown): NetworkFailure {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      const where = addressIn(current.message);
      const proxyStatus = /^Proxy response \((\d+)\)/.exec(current.message)?.[1];
      const reason = proxyStatus ? `the proxy refused the tunnel with HTTP ${proxyStatus}` : (reasons[code] ?? current.message);
      return { code, reason: `${reason} (${code}${where ? ` ${where}` : ''})` };
    }
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return { code: undefined, reason: error instanceof Error ? error.message : String(error) };
}

/** `connect ECONNREFUSED 127.0.0.1:9` → `127.0.0.1:9`; `getaddrinfo ENOTFOUND host` → `host`. */
function addressIn(message: string): string | undefined {
  return /^(?:connect|getaddrinfo|read|write) [A-Z_]+ (\S+)$/.exec(message)?.[1];
}
