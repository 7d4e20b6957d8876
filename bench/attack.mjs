// Password logins under attack, against real gcis-server processes over HTTP from loopback
// addresses (127.0.0.1 attacks, 127.0.0.2 is the owner; Linux routes all of 127/8 to lo):
//  1. a burst of 100 concurrent wrong-password logins for one account from one address: how many
//     guesses the server checked (its "password-login" log lines), against the configured limit —
//     captchaAfterFailures with the captcha on risk, lockAfterFailures with it off. Ratio ≤ 1 holds.
//  2. the owner's one-day-password login latency from another address while one address floods the
//     same account and method, against the same logins with nobody attacking (median ratio). Rate
//     limit off, captcha off: the throttle alone, and every refused guess still costs a dummy hash.
//  3. the learning captcha solver's rate, when bench/captcha-solver.mjs is there (branch i8c).
// Run after `npm run build`:   node bench/attack.mjs     (BENCH_OWNER_LOGINS, BENCH_ATTACKERS)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ownerLogins = Number(process.env.BENCH_OWNER_LOGINS ?? 15);
const attackers = Number(process.env.BENCH_ATTACKERS ?? 8);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serverBin = join(root, 'packages/server/dist/bin.js');
const password = 'correct horse battery';
const work = mkdtempSync(join(tmpdir(), 'gcis-bench-attack-'));

/** A real server on a fresh data folder with account alice and her one-day check code; its log at info. */
async function startServer(name, config, { rateLimited = false } = {}) {
  const data = join(work, name);
  const admin = (args, input) => {
    const result = spawnSync(process.execPath, [serverBin, ...args, '--data', data], { input, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`gcis-server ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  admin(['init']);
  const configFile = join(data, 'config.json');
  const unlimited = rateLimited ? {} : { rateLimit: { max: 1_000_000, windowSeconds: 60 } };
  writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), ...unlimited, ...config }));
  admin(['account', 'add', 'alice', '--name', '王小明', '--email', 'alice@example.com', '--password-stdin'], password);
  const issued = JSON.parse(admin(['account', 'enable-one-day-password', 'alice', '--json']));
  const checkCode = /Check code: ([A-Z0-9]+)/.exec(readFileSync(issued.mailLocation, 'utf8').replace(/=\r?\n/g, ''))[1];
  const child = spawn(process.execPath, [serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.once('exit', () => reject(new Error(`gcis-server exited: ${log}`)));
  });
  const checked = (source) =>
    log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
      .filter((line) => line.event === 'password-login' && line.source === source && line.outcome !== 'throttled').length;
  return { url, checkCode, checked, stop: () => child.kill('SIGTERM') };
}

function post(url, path, body, localAddress) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const sent = request(new URL(path, url), { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    sent.on('error', reject);
    sent.end(payload);
  });
}

const wrong = { account: 'alice', password: 'wrong password', checkCode: 'ABCDE23456' };
const burst = (server) => Promise.all(Array.from({ length: 100 }, () => post(server.url, '/v1/login/one-day-password', wrong, '127.0.0.1')));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function ownerLatencies(server) {
  const times = [];
  for (let n = 0; n < ownerLogins; n++) {
    const started = performance.now();
    const reply = await post(server.url, '/v1/login/one-day-password', { account: 'alice', password, checkCode: server.checkCode }, '127.0.0.2');
    times.push(performance.now() - started);
    if (reply.status !== 200) throw new Error(`the owner was refused: ${JSON.stringify(reply.body)}`);
  }
  return times;
}

/** Runs `measure` while `attackers` connections send wrong passwords for the same account and method from 127.0.0.1. */
async function duringFlood(server, measure) {
  let attacking = true;
  let attackRequests = 0;
  const flood = Array.from({ length: attackers }, async () => {
    while (attacking) {
      await post(server.url, '/v1/login/one-day-password', wrong, '127.0.0.1');
      attackRequests++;
    }
  });
  const underAttack = await measure();
  attacking = false;
  await Promise.all(flood);
  return { underAttack, attackRequests };
}

const servers = [];
try {
  const onRisk = await startServer('on-risk', { captchaPolicy: 'on-risk' });
  const off = await startServer('off', { captchaPolicy: 'off' });
  servers.push(onRisk, off);
  const config = JSON.parse(readFileSync(join(work, 'off', 'config.json'), 'utf8'));

  await burst(onRisk);
  await burst(off);
  const captchaLimit = config.captchaAfterFailures;
  const lockLimit = config.lockAfterFailures;
  console.log(`burst of 100 concurrent wrong passwords, one account, one address:`);
  console.log(`  captcha on risk: ${onRisk.checked('127.0.0.1')} checked, limit captchaAfterFailures ${captchaLimit}  → ratio ${(onRisk.checked('127.0.0.1') / captchaLimit).toFixed(2)} (≤ 1 holds)`);
  console.log(`  captcha off:     ${off.checked('127.0.0.1')} checked, limit lockAfterFailures ${lockLimit}  → ratio ${(off.checked('127.0.0.1') / lockLimit).toFixed(2)} (≤ 1 holds)`);

  // Latency: a quiet baseline, then the same logins while `attackers` loops flood from 127.0.0.1.
  const limited = await startServer('rate-limited', { captchaPolicy: 'off' }, { rateLimited: true });
  servers.push(limited);
  const { rateLimit } = JSON.parse(readFileSync(join(work, 'rate-limited', 'config.json'), 'utf8'));
  for (const [server, label] of [[off, 'no rate limit (the throttle alone)'], [limited, `default per-IP rate limit (${rateLimit.max} per ${rateLimit.windowSeconds} s)`]]) {
    await ownerLatencies(server); // warm-up
    const quiet = median(await ownerLatencies(server));
    // The attacker's address has used up its rate-limit window already, as in a sustained attack.
    if (server === limited) for (let n = 0; n < rateLimit.max; n++) await post(server.url, '/v1/login/one-day-password', wrong, '127.0.0.1');
    const { underAttack, attackRequests } = await duringFlood(server, () => ownerLatencies(server));
    console.log(`owner's login from another address, ${label}: median ${quiet.toFixed(1)} ms quiet, ${median(underAttack).toFixed(1)} ms while ${attackers} connections flood (${attackRequests} refused requests)`);
    console.log(`  ratio under attack / quiet: ${(median(underAttack) / quiet).toFixed(2)}`);
  }
  console.log('  (a refused guess still costs a dummy argon2 hash, so its answer takes the same work; the rate limit bounds that work per address)');

  const solverFile = join(root, 'bench/captcha-solver.mjs');
  if (existsSync(solverFile)) {
    const { measureSolverRate } = await import(pathToFileURL(solverFile).href);
    const { solved, total } = await measureSolverRate();
    console.log(`learning captcha solver: ${solved} / ${total} read (${((100 * solved) / total).toFixed(1)} %) — a speed bump; the throttle is the defence`);
  } else {
    console.log('learning captcha solver: bench/captcha-solver.mjs not present in this tree');
  }
} finally {
  for (const server of servers) server.stop();
  rmSync(work, { recursive: true, force: true });
}
