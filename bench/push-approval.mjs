// Push login (行動自然人憑證): time from the phone's approval to `gcis login` returning, over many
// logins, against the poll interval the server is configured with. Real processes: gcis-server with
// its TW FidO emulator, gcis-phone to bind, gcis to log in; the approval itself is made here with the
// bound phone's key, so its instant is known to the millisecond. Run after `npm run build`.
// Prints both, and the ratio median latency / poll interval; exits non-zero only when a login fails.
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signPushRequest } from '@gcis/core/push';
import { createTestCard } from '@gcis/core/smartcard/testing';

const logins = Number(process.env.BENCH_LOGINS ?? 21);
const pollIntervalSeconds = Number(process.env.BENCH_POLL_INTERVAL_SECONDS ?? 1);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bins = {
  server: join(root, 'packages/server/dist/bin.js'),
  cli: join(root, 'packages/cli/dist/bin.js'),
  phone: join(root, 'examples/phone-app/gcis-phone.mjs'),
};
// The server allows 10 push logins per ID an hour (push fatigue): spread the runs over citizens
// whose IDs end in 6789, as the test card's certificate does.
const citizens = ['A123456789', 'B211486789', 'B214816789', 'B221106789'].slice(0, Math.ceil(logins / 10) + 1);

const work = mkdtempSync(join(tmpdir(), 'gcis-bench-push-'));
const data = join(work, 'data');
const card = await createTestCard();
let server;
try {
  const admin = (args, input) => {
    const result = spawnSync(process.execPath, [bins.server, ...args, '--data', data], { input, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`gcis-server ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  };
  admin(['init']);
  const configFile = join(data, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.push = { ...config.push, pollIntervalSeconds, lifetimeSeconds: 60 };
  config.rateLimit = { max: 10_000, windowSeconds: 60 };
  writeFileSync(configFile, JSON.stringify(config));
  citizens.forEach((id, n) => admin(['account', 'add', `citizen${n}`, '--name', '王小明', '--email', `c${n}@example.com`, '--national-id', id, '--password-stdin'], 'correct horse battery'));
  const caFile = join(work, 'card-root.pem');
  const chainFile = join(work, 'card-intermediate.pem');
  writeFileSync(caFile, card.rsa.root.pem);
  writeFileSync(chainFile, card.rsa.intermediate.pem);

  server = spawn(process.execPath, [bins.server, 'start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'warn', '--fido-emulator', '--fido-card-ca', caFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let serverErr = '';
  server.stderr.on('data', (chunk) => (serverErr += chunk));
  const url = await new Promise((resolve, reject) => {
    server.stdout.once('data', (chunk) => resolve(chunk.toString().trim()));
    server.once('exit', (code) => reject(new Error(`gcis-server exited (${code}): ${serverErr}`)));
  });
  const emulator = `${url}/fido-emulator`;

  const phones = citizens.map((id, n) => {
    const state = join(work, `phone-${n}`);
    const env = { ...process.env, ...card.env, GCIS_PKCS11_MODULE: card.modulePath, GCIS_PIN: card.pin, GCIS_PHONE_STATE: state };
    const bound = spawnSync(process.execPath, [bins.phone, 'bind', '--national-id', id, '--emulator', emulator, '--card-chain', chainFile], { env, encoding: 'utf8' });
    if (bound.status !== 0) throw new Error(`gcis-phone bind failed: ${bound.stderr}`);
    const device = JSON.parse(readFileSync(join(state, 'device.json'), 'utf8'));
    return { id, device, privateKey: createPrivateKey(device.privateKeyPem) };
  });

  const latencies = [];
  for (let run = 0; run < logins; run++) {
    const phone = phones[run % phones.length];
    const configDir = join(work, `cli-${run}`);
    const login = spawn(process.execPath, [bins.cli, 'login', '--method', 'push', '--id', phone.id], {
      env: { PATH: process.env.PATH, HOME: configDir, GCIS_CONFIG_DIR: configDir, GCIS_SERVER: url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    login.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => login.once('exit', (code) => resolve({ code, at: performance.now() })));
    const request = await Promise.race([
      waitForRequest(emulator, phone.device.deviceId),
      exited.then(({ code }) => Promise.reject(new Error(`gcis login ended (exit ${code}) before the push arrived: ${stderr}`))),
    ]);
    // Let the server settle into its long poll, at a random point of its poll cycle.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * pollIntervalSeconds * 1000));
    const signedResponse = signPushRequest({ privateKey: phone.privateKey, signInfo: request.signInfo });
    const answered = await fetch(`${emulator}/moise/device/${phone.device.deviceId}/requests/${request.requestId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', signedResponse }),
    });
    const approvedAt = performance.now();
    if (!answered.ok) throw new Error(`approval refused: ${await answered.text()}`);
    const { code, at } = await exited;
    if (code !== 0) throw new Error(`gcis login failed (exit ${code}): ${stderr}`);
    latencies.push(at - approvedAt);
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const ms = (value) => `${value.toFixed(0)} ms`;
  console.log(`push approval → gcis login returns, over ${latencies.length} logins (${citizens.length} citizens)`);
  console.log(`  poll interval (push.pollIntervalSeconds)  ${ms(pollIntervalSeconds * 1000)}`);
  console.log(`  latency median ${ms(median)}  p90 ${ms(quantile(0.9))}  min ${ms(sorted[0])}  max ${ms(sorted.at(-1))}`);
  console.log(`  ratio median latency / poll interval: ${(median / (pollIntervalSeconds * 1000)).toFixed(2)}`);
} catch (error) {
  console.error(`push-approval bench failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
  await card.destroy();
  rmSync(work, { recursive: true, force: true });
}

/** The request the phone would be notified of: poll the device route until it is there. */
async function waitForRequest(emulator, deviceId) {
  for (let tries = 0; tries < 600; tries++) {
    const { requests } = await (await fetch(`${emulator}/moise/device/${deviceId}/requests`)).json();
    if (requests.length > 0) return requests[0];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no push request reached the phone');
}
