import type { CliDeps } from '../deps.js';
import { resolveToken } from '../session/resolveToken.js';

/**
 * `gcis token`: the session token alone on stdout, for `$(gcis token)`. `GCIS_TOKEN` wins over
 * the store. Runs on every script call, so it reads one small file and loads nothing heavy.
 */
export async function token(
  { server }: { server: string },
  deps: Pick<CliDeps, 'env' | 'configDir' | 'clock' | 'stdout'>,
): Promise<void> {
  const resolved = await resolveToken(server, deps);
  deps.stdout.write(`${resolved.token}\n`);
}
