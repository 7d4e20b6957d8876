import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCallback);

/** The role the tests' URLs log in as: password-protected, so every URL carries a secret to keep out of messages. */
const role = 'gcis';

export type TestPostgres = {
  /** URL of the role's own database `gcis` (with its password). */
  url: string;
  /** URL of the superuser `postgres` (with its password), for what a test does behind the store's back. */
  superuserUrl: string;
  port: number;
  /** The temporary folder holding the cluster (data/, the socket, server.log). */
  dir: string;
  /** A new empty database owned by the role; its URL. */
  createDatabase(): Promise<string>;
  /** Shuts down cleanly (connected clients get 57P01) and keeps the data; `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGKILLs the postmaster, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Stops it at once and deletes the folder. */
  remove(): Promise<void>;
};

/**
 * Starts a throwaway PostgreSQL cluster: initdb in a new temporary folder, listening on a free
 * loopback port, with durability switched off for speed (nothing here outlives the test run).
 * PostgreSQL refuses to run as root, so under root (as in CI) every binary runs as the `postgres`
 * user through `runuser` in a folder that user owns; otherwise as the current user.
 * TCP logins need a password (SCRAM); the socket in the folder trusts local users.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'gcis-pg-'));
  if (asRoot) chownSync(dir, userId('-u'), userId('-g'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const superPassword = randomBytes(12).toString('hex');
  const rolePassword = randomBytes(12).toString('hex');

  const run = async (program: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    try {
      await execFile(file, argv, { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 });
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${program} ${args[0]} failed: ${(error as Error).message}\n${tail}`, { cause: error });
    }
  };

  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
  if (asRoot) chownSync(pwfile, userId('-u'), userId('-g'));
  await run('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  rmSync(pwfile);

  let port = await freePort();
  const configure = () =>
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        // A test cluster: losing it in a power cut costs nothing, waiting for the disk costs every test.
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 300',
        'shared_buffers = 32MB',
        'log_min_messages = warning',
        '',
      ].join('\n'),
    );
  const start = () => run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60']);

  configure();
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (error) {
      // The free port may have been taken between finding it and binding it; the last setting wins.
      if (attempt === 3 || !readFileSync(log, 'utf8').includes('could not bind')) throw error;
      port = await freePort();
      configure();
    }
  }

  const url = (user: string, password: string, database: string) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
  const superuserUrl = url('postgres', superPassword, 'postgres');
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: superuserUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${rolePassword}'`);
  await admin(`CREATE DATABASE ${role} OWNER ${role}`);

  let removed = false;
  const postmasterPid = () => {
    const file = join(data, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  const exitHook = () => {
    const pid = postmasterPid();
    if (pid) signal(pid, 'SIGQUIT');
  };
  process.once('exit', exitHook);

  return {
    url: url(role, rolePassword, role),
    superuserUrl,
    port,
    dir,
    createDatabase: () => createDatabaseAt(url(role, rolePassword, role)),
    stop: () => run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']),
    async start() {
      // After a kill the old backends notice the postmaster's death and leave; until then the shared memory is busy.
      for (let attempt = 1; ; attempt++) {
        try {
          return await start();
        } catch (error) {
          if (attempt === 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    async kill() {
      const pid = postmasterPid();
      if (!pid) throw new Error('the test cluster is not running');
      signal(pid, 'SIGKILL');
      while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async remove() {
      if (removed) return;
      removed = true;
      process.off('exit', exitHook);
      if (postmasterPid()) await run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an empty database (or a copy of `template`) as the role of `url`, which may create
 * databases, and returns the URL of the new one.
 */
export async function createDatabaseAt(url: string, name = `gcis_test_${randomBytes(6).toString('hex')}`, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // FILE_COPY copies the template's few files instead of WAL-logging every page: faster for a small database.
    await client.query(`CREATE DATABASE ${name} ${template ? `TEMPLATE ${template}` : ''} STRATEGY FILE_COPY`);
  } finally {
    await client.end();
  }
  const created = new URL(url);
  created.pathname = `/${name}`;
  return created.href;
}

/** Debian's binaries for the newest installed major (/usr/lib/postgresql/<major>/bin), or GCIS_PG_BIN. */
function postgresBinDir(): string {
  if (process.env.GCIS_PG_BIN) return process.env.GCIS_PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  if (!majors.length) throw new Error(`no PostgreSQL server binaries under ${root}: install the Debian package postgresql (scripts/test.sh does)`);
  majors.sort((a, b) => Number(b) - Number(a));
  return join(root, majors[0]!, 'bin');
}

function userId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

/** Sends a signal; false when the process is gone. */
function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Running, not a zombie: a reparented postmaster may wait for a reaper that never comes (PID 1 in a container). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return signal(pid, 0);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
