import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../deps.js';

/**
 * Core's undici client, imported on first use so that `gcis token` never loads undici. Requests
 * go through the proxy that HTTPS_PROXY / HTTP_PROXY name, except for the hosts in NO_PROXY.
 */
export async function loadClient(
  { env }: Pick<CliDeps, 'env'>,
  server: string,
  token?: string,
  { timeoutMs }: { timeoutMs?: number } = {},
): Promise<GcisClient> {
  const { createClient, proxyFromEnv } = await import('@gcis/core/client');
  return createClient({ server, token, dispatcher: proxyFromEnv(env), ...(timeoutMs !== undefined && { timeoutMs }) });
}
