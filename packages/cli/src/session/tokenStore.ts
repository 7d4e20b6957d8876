import { join } from 'node:path';
import type { LoginMethod, Session } from '@gcis/core/api';
import { gcisError } from '../errors/gcisError.js';
import { lockFile, type LockOptions } from './lockFile.js';

// Not `import … from 'node:fs'`: an ESM import of fs fills in all of its exports, which loads the
// stream modules; `gcis token` needs none of them.
const { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } =
  process.getBuiltinModule('node:fs');

/**
 * The token store: ONE JSON file, `<configDir>/sessions.json`, one entry per server origin.
 *
 * Deliberately not `conf`, the usual choice: conf pulls in ajv and its schema
 * compiler, which alone costs more than `gcis token`'s whole startup budget; this file does the
 * two things we need from it (mode 0600, atomic replacement) in a few lines. It uses node:fs's
 * synchronous calls (loaded with Node itself; fs/promises is not) on one small file.
 *
 * Writers read, change and replace the file under an exclusive lock (session/lockFile.ts), so two
 * `gcis login` runs at once both keep their entries. Readers take no lock: the file is only
 * ever replaced whole by a rename, so a reader sees the old file or the new one.
 */
/**
 * `expiresAt` is the session's absolute end. `idleExpiresAt` is when the server ends it unless it
 * is used before then, as last seen by gcis (login, status, a re-check by token / exec): a script
 * using the token directly pushes the server's end on without gcis knowing, so a passed
 * `idleExpiresAt` means "ask the server", not "dead". Stores written before it existed lack it.
 */
export type StoredSession = Omit<Session, 'idleTimeoutSeconds'> & { idleTimeoutSeconds?: number; idleExpiresAt?: string };

/**
 * Version 1, grown compatibly: `defaultServer` (`gcis use`) and `aliases` (name → origin) are
 * optional, so a file from an older gcis still reads, and an older gcis rewriting this one keeps them.
 */
type StoreFile = {
  version: 1;
  sessions: Record<string, StoredSession>;
  defaultServer?: string;
  aliases?: Record<string, string>;
};

/** What the whole store holds, for `gcis status --all` and the choice of server. */
export type StoreContents = {
  sessions: Readonly<Record<string, StoredSession>>;
  defaultServer: string | undefined;
  aliases: Readonly<Record<string, string>>;
};

export interface TokenStore {
  readonly path: string;
  read(server: string): Promise<StoredSession | undefined>;
  /** Keeps `session` for `server`; resolves to the entry it replaced, read under the same lock. */
  save(server: string, session: StoredSession): Promise<StoredSession | undefined>;
  /** Forgets the entry, if it still holds `token`; true when something was removed. */
  remove(server: string, token: string): Promise<boolean>;
  /** Every entry, the default server and the aliases, read without a lock. */
  readAll(): Promise<StoreContents>;
  /** Records the idle end the server just reported, if the entry still holds `token`. */
  recordIdleEnd(server: string, token: string, idleExpiresAt: string): Promise<void>;
  /** Makes `server` the default (`gcis use`), and `alias` a name for it (moved if it named another). */
  setDefault(server: string, alias?: string): Promise<void>;
  /** Makes `alias` a name for `server` without changing the default. */
  setAlias(server: string, alias: string): Promise<void>;
}

export function openTokenStore(configDir: string, lockOptions: LockOptions = {}): TokenStore {
  const path = join(configDir, 'sessions.json');

  async function load(): Promise<StoreFile> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sessions: {} };
      throw error;
    }
    return parseStore(text, path);
  }

  const entry = (file: StoreFile, server: string) =>
    Object.hasOwn(file.sessions, server) ? file.sessions[server] : undefined;
  const write = (file: StoreFile) => writeAtomically(configDir, path, `${JSON.stringify(file, null, 2)}\n`);

  /** Read-modify-write under the store's lock; `change` says whether the file needs writing. */
  async function update<T>(change: (file: StoreFile) => { write: boolean; result: T }): Promise<T> {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const release = await lockFile(path, lockOptions);
    try {
      const file = await load();
      const { write: changed, result } = change(file);
      if (changed) write(file);
      return result;
    } finally {
      await release();
    }
  }

  return {
    path,
    read: async (server) => entry(await load(), server),
    save: (server, session) =>
      update((file) => {
        const replaced = entry(file, server);
        file.sessions[server] = storedEntry(session);
        return { write: true, result: replaced };
      }),
    remove: (server, token) =>
      update((file) => {
        if (entry(file, server)?.token !== token) return { write: false, result: false };
        delete file.sessions[server];
        return { write: true, result: true };
      }),
    readAll: async () => {
      const { sessions, defaultServer, aliases = {} } = await load();
      return { sessions, defaultServer, aliases };
    },
    recordIdleEnd: (server, token, idleExpiresAt) =>
      update((file) => {
        const current = entry(file, server);
        if (current?.token !== token || current.idleExpiresAt === idleExpiresAt) return { write: false, result: undefined };
        current.idleExpiresAt = idleExpiresAt;
        return { write: true, result: undefined };
      }),
    setDefault: (server, alias) =>
      update((file) => {
        file.defaultServer = server;
        if (alias !== undefined) file.aliases = { ...file.aliases, [alias]: server };
        return { write: true, result: undefined };
      }),
    setAlias: (server, alias) =>
      update((file) => {
        if (file.aliases?.[alias] === server) return { write: false, result: undefined };
        file.aliases = { ...file.aliases, [alias]: server };
        return { write: true, result: undefined };
      }),
  };
}

/**
 * The fields kept for a session. A fresh login's idle end is its issue time plus the idle
 * timeout (every use moves it on; the server says where it is on `GET /v1/session`).
 */
function storedEntry(session: StoredSession): StoredSession {
  const { token, account, method, issuedAt, expiresAt, idleTimeoutSeconds } = session;
  const idleExpiresAt =
    session.idleExpiresAt ??
    (idleTimeoutSeconds === undefined ? undefined : new Date(Date.parse(issuedAt) + idleTimeoutSeconds * 1000).toISOString());
  return { token, account, method, issuedAt, expiresAt, idleTimeoutSeconds, ...(idleExpiresAt && { idleExpiresAt }) };
}

let tempCounter = 0;

/** Temp file in the same directory (so rename is atomic), mode 0600, fsync'd, then renamed over. */
function writeAtomically(dir: string, path: string, content: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.sessions.json.${process.pid}.${Date.now()}.${tempCounter++}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // the umask can only narrow 0600, but an odd one could leave it unreadable to us
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
}

const methods: readonly LoginMethod[] = ['totp', 'one-day-password', 'certificate', 'push'];

async function parseStore(text: string, path: string): Promise<StoreFile> {
  const corrupt = (why: string) =>
    gcisError(
      'ERR_STORE_CORRUPT',
      `The token store ${path} is damaged (${why}); gcis will not overwrite it: fix or delete it, then log in again.`,
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw await corrupt('not JSON');
  }
  const file = data as Partial<StoreFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1) throw await corrupt('unknown format');
  const { sessions } = file;
  if (!isRecord(sessions)) throw await corrupt('no sessions');
  for (const [server, session] of Object.entries(sessions)) {
    if (!isStoredSession(session)) throw await corrupt(`bad entry for ${server}`);
  }
  if (file.defaultServer !== undefined && typeof file.defaultServer !== 'string') throw await corrupt('bad default server');
  const { aliases } = file;
  if (aliases !== undefined && !(isRecord(aliases) && Object.values(aliases).every((value) => typeof value === 'string'))) {
    throw await corrupt('bad aliases');
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
    !Number.isNaN(Date.parse(session.expiresAt)) &&
    (session.idleExpiresAt === undefined ||
      (typeof session.idleExpiresAt === 'string' && !Number.isNaN(Date.parse(session.idleExpiresAt))))
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
