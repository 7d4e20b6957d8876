import type { GcisClient } from '@gcis/core/client';

/** Core's undici client, imported on first use so that `gcis token` never loads undici. */
export async function loadClient(server: string, token?: string): Promise<GcisClient> {
  const { createClient } = await import('@gcis/core/client');
  return createClient({ server, token });
}
