import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { GcisError } from '@gcis/core';
import type { LoginMethod, Session } from '@gcis/core/api';

/**
 * The token store: ONE JSON file, `<configDir>/sessions.json`, one entry per server origin.
 *
 * Deliberate deviation from DESIGN.md, which names `conf`: conf pulls in ajv and its schema
 * compiler, which alone costs more than `gcis token`'s whole startup budget; this file does the
 * two things we need from it (mode 0600, atomic writes) in a few lines.
 */
export type StoredSession = Session;

type StoreFile = { version: 1; sessions: Record<string, StoredSession> };

export interface TokenStore {
  readonly path: string;
  read(server: string): Promise<StoredSession | undefined>;
  save(server: string, session: StoredSession): Promise<void>;
  /** Moves `expiresAt` of the entry, if it still holds `token` (a newer login wins). */
  refreshExpiry(server: string, token: string, expiresAt: string): Promise<void>;
  /** Forgets the entry, if it still holds `token`; true when something was removed. */
  remove(server: string, token: string): Promise<boolean>;
}

export function openTokenStore(configDir: string): TokenStore {
  const path = join(configDir, 'sessions.json');

  async function load(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sessions: {} };
      throw error;
    }
    return parseStore(text, path);
  }

  async function write(file: StoreFile): Promise<void> {
    await writeAtomically(configDir, path, `${JSON.stringify(file, null, 2)}\n`);
  }

  return {
    path,
    read: async (server) => {
      const { sessions } = await load();
      return Object.hasOwn(sessions, server) ? sessions[server] : undefined;
    },
    async save(server, { token, account, method, issuedAt, expiresAt }) {
      const file = await load();
      file.sessions[server] = { token, account, method, issuedAt, expiresAt };
      await write(file);
    },
    async refreshExpiry(server, token, expiresAt) {
      const file = await load();
      const entry = Object.hasOwn(file.sessions, server) ? file.sessions[server] : undefined;
      if (entry?.token !== token || entry.expiresAt === expiresAt) return;
      entry.expiresAt = expiresAt;
      await write(file);
    },
    async remove(server, token) {
      const file = await load();
      if (!Object.hasOwn(file.sessions, server) || file.sessions[server]?.token !== token) return false;
      delete file.sessions[server];
      await write(file);
      return true;
    },
  };
}

/** Temp file in the same directory (so rename is atomic), mode 0600, fsync'd, then renamed over. */
async function writeAtomically(dir: string, path: string, content: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.sessions.json.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may have narrowed or, on odd setups, mangled the mode
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}

const methods: readonly LoginMethod[] = ['totp', 'one-day-password', 'certificate', 'push'];

function parseStore(text: string, path: string): StoreFile {
  const corrupt = (why: string) =>
    new GcisError(
      'ERR_STORE_CORRUPT',
      `The token store ${path} is damaged (${why}); gcis will not overwrite it: fix or delete it, then log in again.`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  const file = data as Partial<StoreFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1) throw corrupt('unknown format');
  if (typeof file.sessions !== 'object' || file.sessions === null || Array.isArray(file.sessions)) throw corrupt('no sessions');
  for (const [server, session] of Object.entries(file.sessions)) {
    if (!isStoredSession(session)) throw corrupt(`bad entry for ${server}`);
  }
  return file as StoreFile;
}

function isStoredSession(value: unknown): value is StoredSession {
  const session = value as Record<string, unknown> | null;
  return (
    typeof session === 'object' &&
    session !== null &&
    typeof session.token === 'string' &&
    typeof session.account === 'string' &&
    methods.includes(session.method as LoginMethod) &&
    typeof session.issuedAt === 'string' &&
    typeof session.expiresAt === 'string' &&
    !Number.isNaN(Date.parse(session.expiresAt))
  );
}
