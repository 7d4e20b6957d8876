import { existsSync, lstatSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GcisError } from '@gcis/core/errors';
import type { Env } from '../deps.js';

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
export function assertOwnAgentSocket(path: string, uid = process.getuid?.()): void {
  if (uid === undefined) return; // Windows: no Unix modes (and no Unix-socket agent either)
  let socket;
  let folder;
  try {
    socket = lstatSync(path);
    folder = statSync(dirname(path));
  } catch (cause) {
    throw new GcisError('ERR_AGENT', `No gcis agent at ${path} (GCIS_AGENT_SOCK): start one with eval "$(gcis agent)"`, { cause });
  }
  if (!socket.isSocket() || socket.uid !== uid || folder.uid !== uid || (folder.mode & 0o077) !== 0) {
    throw new GcisError('ERR_AGENT_UNSAFE', `${path} is not a gcis agent socket of yours in a private folder (owner and mode 0700 checked): refusing to use it`);
  }
}
