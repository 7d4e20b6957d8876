import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** The environment, as `process.env`: only the proxy variables are read. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/**
 * An undici dispatcher that goes through `https_proxy` / `HTTPS_PROXY` for https URLs and
 * `http_proxy` / `HTTP_PROXY` for http ones, except for the hosts in `no_proxy` / `NO_PROXY`
 * (lower case first, as curl reads them; `*` bypasses all). Plain-http requests are forwarded
 * (absolute URI) rather than tunnelled, so proxies that only allow CONNECT to 443 still pass
 * them; https always goes through CONNECT. Without any variable it connects directly.
 */
export function proxyFromEnv(env: ProxyEnv): Dispatcher {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  return new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '', // none: undici falls back to the http proxy
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    proxyTunnel: false,
  });
}
