// The session check — `GET /v1/session` with a valid token — on a real gcis-server process, against
// a bare Fastify route answering a fixed JSON object in another process on the same machine.
// autocannon at 50 connections, runs alternated (gcis, bare, gcis, bare, …) so that the machine's
// other load falls on both alike. Prints the req/s of each run, the medians and the ratio
// gcis / bare (goal ≥ 0.6). The server's rate limits are raised out of the way: this measures the
// route, not the limiter's refusals; a run with any non-2xx answer fails the benchmark.
//
// Run after `npm run build`:
//   node bench/session-check.mjs                                  SQLite data folder
//   node bench/session-check.mjs --database postgres://user@host/db   PostgreSQL; a URL with a password
//     goes in GCIS_BENCH_DATABASE instead (never on argv). gcis-server gets it as GCIS_SERVER_DATABASE_URL.
// BENCH_ROUNDS (default 3), BENCH_SECONDS per run (default 5), BENCH_CONNECTIONS (default 50).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: flags } = parseArgs({ options: { database: { type: 'string' } } });
const database = flags.database ?? process.env.GCIS_BENCH_DATABASE;
if (flags.database && URL.canParse(flags.database) && new URL(flags.database).password) {
  console.error('session-check: a database URL with a password goes in GCIS_BENCH_DATABASE, not on the command line.');
  process.exit(2);
}
const serverEnv = database ? { ...process.env, GCIS_SERVER_DATABASE_URL: database } : process.env;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serverBin = join(root, 'packages/server/dist/bin.js');
const fastifyEntry = createRequire(join(root, 'packages/server/package.json')).resolve('fastify');
const password = 'correct horse battery';
const work = mkdtempSync(join(tmpdir(), 'gcis-bench-session-'));
const children = [];

/** Starts a process that prints its URL as the first line of stdout; resolves to that URL and its pid. */
function startProcess(args, env = process.env) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ url: out.split('\n')[0].trim(), pid: child.pid });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}): ${log}`)));
  });
}

/** gcis-server on a fresh data folder (and database, when given) with alice logged in by one-day password: URL and token. */
async function startGcisServer() {
  const data = join(work, 'data');
  const admin = (args, input) => {
    const result = spawnSync(process.execPath, [serverBin, ...args, '--data', data], { input, encoding: 'utf8', env: serverEnv });
    if (result.status !== 0) throw new Error(`gcis-server ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  admin(['init']);
  const configFile = join(data, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const unlimited = { max: 100_000_000, windowSeconds: 60 };
  writeFileSync(configFile, JSON.stringify({ ...config, captchaPolicy: 'off', rateLimit: unlimited, sessionRateLimit: unlimited }));
  admin(['account', 'add', 'alice', '--name', '王小明', '--email', 'alice@example.com', '--password-stdin'], password);
  const issued = JSON.parse(admin(['account', 'enable-one-day-password', 'alice', '--json']));
  const checkCode = /Check code: ([A-Z0-9]+)/.exec(readFileSync(issued.mailLocation, 'utf8').replace(/=\r?\n/g, ''))[1];
  const server = await startProcess([serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'warn'], serverEnv);
  const { url } = server;
  const response = await fetch(`${url}/v1/login/one-day-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'alice', password, checkCode }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const { token } = await response.json();
  return { ...server, headers: { authorization: `Bearer ${token}` } };
}

/** A bare Fastify route in its own process: no schema, no store, a JSON object of the same size. */
async function startBareFastify() {
  const source = `
    const Fastify = require(${JSON.stringify(fastifyEntry)});
    const app = Fastify();
    const body = { account: 'alice', name: '王小明', method: 'one-day-password', issuedAt: new Date().toISOString(),
      expiresAt: new Date().toISOString(), idleExpiresAt: new Date().toISOString() };
    app.get('/v1/session', async () => body);
    app.listen({ host: '127.0.0.1', port: 0 }).then((url) => console.log(url));`;
  return { ...(await startProcess(['-e', source])), headers: {} };
}

/** User + system CPU time of a process so far, in µs (Linux /proc; undefined elsewhere). */
function cpuMicros(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime, stime in clock ticks of 1/100 s
}

/** One autocannon run: req/s, and the server's CPU time per answered request (less sensitive to a busy machine). */
async function measure({ url, pid, headers }) {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({ url: `${url}/v1/session`, connections, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors in one run`);
  }
  const cpuPerRequest = cpuBefore === undefined ? NaN : (cpuMicros(pid) - cpuBefore) / result.requests.total;
  return { perSecond: result.requests.average, cpuPerRequest };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const gcis = await startGcisServer();
  const bare = await startBareFastify();
  console.log(`session check vs bare Fastify — ${database ? 'PostgreSQL' : 'SQLite'} store, ${connections} connections, ${rounds} × ${seconds} s alternated`);
  await measure(gcis); // warm-up: JIT, SQLite page cache, connection pools
  await measure(bare);
  const runs = { gcis: [], bare: [] };
  const show = ({ perSecond, cpuPerRequest }) => `${perSecond.toFixed(0)} req/s (${cpuPerRequest.toFixed(0)} µs CPU/req)`;
  for (let round = 0; round < rounds; round++) {
    runs.gcis.push(await measure(gcis));
    runs.bare.push(await measure(bare));
    console.log(`  round ${round + 1}: gcis ${show(runs.gcis.at(-1))}, bare ${show(runs.bare.at(-1))}`);
  }
  const of = (name, field) => median(runs[name].map((run) => run[field]));
  const ratio = of('gcis', 'perSecond') / of('bare', 'perSecond');
  console.log(`  median: gcis ${of('gcis', 'perSecond').toFixed(0)} req/s, bare ${of('bare', 'perSecond').toFixed(0)} req/s → ratio ${ratio.toFixed(2)} (goal ≥ 0.6)`);
  console.log(`  CPU per request: gcis ${of('gcis', 'cpuPerRequest').toFixed(0)} µs, bare ${of('bare', 'cpuPerRequest').toFixed(0)} µs → ratio bare/gcis ${(of('bare', 'cpuPerRequest') / of('gcis', 'cpuPerRequest')).toFixed(2)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
