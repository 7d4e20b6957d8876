import { existsSync, lstatSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GcisError } from '@gcis/core/errors';
import type { Env } from '../deps.js';
import { en, type Messages } from '../i18n/en.js';

/**
 * A new folder for the agent's socket, mode 0700 (mkdtemp), in $XDG_RUNTIME_DIR (a per-user
 * 0700 tmpfs on systemd systems) when it exists, else in the temporary folder.
 */
export async function makeAgentSocketPath(env: Env): Promise<string> {
  const runtime = env.XDG_RUNTIME_DIR;
  const base = runtime && existsSync(runtime) ? runtime : tmpdir();
  return join(await mkdtemp(join(base, 'gcis-agent-')), 'agent.sock');
}

/**
 * Refuses a socket this user does not own, or whose folder others can enter: a client must not
 * hand data to an agent another user planted (e.g. in /tmp). Node cannot read the peer's
 * credentials (SO_PEERCRED), so ownership and modes are what both sides rely on.
 */
export function assertOwnAgentSocket(path: string, t: Messages = en, uid = process.getuid?.()): void {
  if (uid === undefined) return; // Windows: no Unix modes (and no Unix-socket agent either)
  let socket;
  let folder;
  try {
    socket = lstatSync(path);
    folder = statSync(dirname(path));
  } catch (cause) {
    throw new GcisError('ERR_AGENT', t.signing.agentMissing(path), { cause });
  }
  if (!socket.isSocket() || socket.uid !== uid || folder.uid !== uid || (folder.mode & 0o077) !== 0) {
    throw new GcisError('ERR_AGENT_UNSAFE', t.signing.agentUnsafe(path));
  }
}
