// TOTP logins per second: one gcis-server on SQLite (the baseline), one on PostgreSQL, and two
// on that same PostgreSQL database with the logins spread over both — real processes, a real
// throwaway PostgreSQL cluster (packages/server/src/testing/testPostgres.ts), logins over HTTP.
// Each round every account logs in once, all at once, with the code of the servers' test clock;
// then the clock moves one 30-second step (a TOTP code logs in once per step). A first round warms
// the instances up unmeasured (connections, JIT). Scenarios are run alternately, BENCH_RUNS times
// each; the median run counts. Run after `npm run build`.
// Prints logins/s per scenario and their ratios; exits non-zero only when a login fails.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 16);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const password = 'correct horse battery';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serverBin = join(root, 'packages/server/dist/bin.js');
const { startTestPostgres } = await import(join(root, 'packages/server/dist/testing/testPostgres.js'));

const work = mkdtempSync(join(tmpdir(), 'gcis-bench-logins-'));
const clockFile = join(work, 'now');
let step = Math.floor(Date.now() / 30_000);
const setClock = () => {
  writeFileSync(`${clockFile}.tmp`, new Date(step * 30_000 + 5_000).toISOString()); // 5 s into the step
  renameSync(`${clockFile}.tmp`, clockFile); // the servers read it at every request: replace it whole
};
setClock();
const servers = [];
let postgres;
try {
  postgres = await startTestPostgres();
  const databaseUrl = await postgres.createDatabase();
  const sqlite = await prepareFolder(join(work, 'sqlite'), {});
  const shared = await prepareFolder(join(work, 'pg-a'), { GCIS_SERVER_DATABASE_URL: databaseUrl });
  const sharedCopy = join(work, 'pg-b');
  cpSync(shared.data, sharedCopy, { recursive: true }); // the second instance: same secret.key, same config
  const pgEnv = { GCIS_SERVER_DATABASE_URL: databaseUrl };
  const scenarios = [
    { name: 'SQLite, 1 instance', folders: [sqlite.data], env: {}, secrets: sqlite.secrets },
    { name: 'PostgreSQL, 1 instance', folders: [shared.data], env: pgEnv, secrets: shared.secrets },
    { name: 'PostgreSQL, 2 instances', folders: [shared.data, sharedCopy], env: pgEnv, secrets: shared.secrets },
  ];
  const rates = new Map(scenarios.map((scenario) => [scenario.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const scenario of scenarios) rates.get(scenario.name).push(await measure(scenario));
  }
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const rate = (name) => median(rates.get(name));
  console.log(`TOTP login throughput: ${accounts} accounts × ${rounds} rounds per run, ${runs} alternated runs, median run (${availableParallelism()} CPUs)`);
  for (const { name } of scenarios) console.log(`  ${name.padEnd(26)} ${rate(name).toFixed(1)} logins/s   (runs: ${rates.get(name).map((r) => r.toFixed(1)).join(', ')})`);
  console.log(`  ratio PostgreSQL 1 instance / SQLite 1 instance:      ${(rate('PostgreSQL, 1 instance') / rate('SQLite, 1 instance')).toFixed(2)}`);
  console.log(`  ratio PostgreSQL 2 instances / PostgreSQL 1 instance: ${(rate('PostgreSQL, 2 instances') / rate('PostgreSQL, 1 instance')).toFixed(2)}`);
  console.log(`  ratio PostgreSQL 2 instances / SQLite 1 instance:     ${(rate('PostgreSQL, 2 instances') / rate('SQLite, 1 instance')).toFixed(2)}`);
  console.log('  (a login is mostly argon2id, which already uses every core of one machine: two instances add throughput when they run on two machines)');
} catch (error) {
  console.error(`login-throughput bench failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await Promise.all([...servers].map((server) => stop(server)));
  await postgres?.remove();
  rmSync(work, { recursive: true, force: true });
}

/** `init`, a config for measuring (test clock, no captcha, limits out of the way) and the accounts with their TOTP secrets. */
async function prepareFolder(data, env) {
  const admin = (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [serverBin, ...args, '--data', data], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdin.end(input ?? '');
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`gcis-server ${args.join(' ')} failed: ${stderr}`))));
    });
  await admin(['init']);
  const configFile = join(data, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  Object.assign(config, { mode: 'test', captchaPolicy: 'off', rateLimit: { max: 1_000_000, windowSeconds: 60 } });
  writeFileSync(configFile, JSON.stringify(config));
  const secrets = [];
  for (let first = 0; first < accounts; first += 4) {
    const batch = Array.from({ length: Math.min(4, accounts - first) }, (_, n) => `user${first + n}`);
    await Promise.all(batch.map((name) => admin(['account', 'add', name, '--name', name, '--email', `${name}@example.com`, '--password-stdin'], password)));
    for (const name of batch) secrets.push({ name, secret: JSON.parse(await admin(['account', 'totp', name, '--json'])).secret });
  }
  return { data, secrets };
}

/** Logins per second of one scenario: its instances started, `rounds` rounds of every account at once, stopped. */
async function measure({ folders, env, secrets }) {
  const started = await Promise.all(folders.map((data) => start(data, env)));
  try {
    let logins = 0;
    let busy = 0;
    for (let round = -1; round < rounds; round++) {
      step++;
      setClock();
      const now = new Date(readFileSync(clockFile, 'utf8'));
      const began = performance.now();
      const measured = round >= 0;
      await Promise.all(
        secrets.map(async ({ name, secret }, n) => {
          const code = generateTotp({ secret: decodeTotpSecret(secret), now });
          const response = await fetch(`${started[n % started.length].url}/v1/login/totp`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ account: name, password, code }),
          });
          if (response.status !== 200) throw new Error(`login of ${name} answered ${response.status}: ${await response.text()}`);
          await response.arrayBuffer();
          if (measured) logins++;
        }),
      );
      if (measured) busy += performance.now() - began; // only the rounds: moving the clock is the bench's, not the servers', time
    }
    return logins / (busy / 1000);
  } finally {
    await Promise.all(started.map((server) => stop(server)));
  }
}

function start(data, env) {
  const child = spawn(process.execPath, [serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'warn'], {
    env: { ...process.env, ...env, GCIS_SERVER_TEST_CLOCK: clockFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, url: '' };
  servers.push(server);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Object.assign(server, { url: chunk.toString().trim() })));
    child.once('exit', (code) => reject(new Error(`gcis-server exited (${code}): ${stderr}`)));
  });
}

async function stop(server) {
  servers.splice(servers.indexOf(server), 1);
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
