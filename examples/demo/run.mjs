#!/usr/bin/env node
// The README's quick start: a gcis-server on SQLite in ./.gcis-demo, a demo account with an
// authenticator, and the gcis CLI logging in to it the way a CI pipeline does.
// Options: --keep leaves the server running and says how to continue. GCIS_DEMO_DIR moves the demo
// folder (default ./.gcis-demo). Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const demoDir = resolve(process.env.GCIS_DEMO_DIR || `${root}.gcis-demo`);
const dataDir = `${demoDir}/data`;
const serverBin = `${root}packages/server/dist/bin.js`;
const cliBin = `${root}packages/cli/dist/bin.js`;
const keepRunning = process.argv.includes('--keep');
const preferredPort = 8470; // the port the README's commands use

const { NO_COLOR, FORCE_COLOR } = process.env;
const colour = FORCE_COLOR !== undefined && FORCE_COLOR !== '' ? FORCE_COLOR !== '0' : !NO_COLOR && process.stderr.isTTY === true;
const bold = (text) => (colour ? `\x1b[1m${text}\x1b[0m` : text);
const step = (text) => process.stderr.write(`\n${bold(`▸ ${text}`)}\n`);
function run(bin, args, { env = {}, input, show = true } = {}) {
  if (show) process.stderr.write(`$ ${bin === serverBin ? 'gcis-server' : 'gcis'} ${args.join(' ')}\n`);
  const result = spawnSync('node', [bin, ...args], {
    input,
    env: { ...process.env, GCIS_CONFIG_DIR: `${demoDir}/cli`, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    throw new Error(`${args[0]} exited with ${result.status}`);
  }
  return result.stdout;
}

rmSync(demoDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true, mode: 0o700 });
const password = `demo-${randomBytes(9).toString('base64url')}`;

step('Create a server data folder (SQLite in WAL mode, secrets key 0600)');
const adminToken = run(serverBin, ['init', '--data', dataDir]).trim();
process.stderr.write(`  administrator token: ${adminToken.slice(0, 12)}… (for the /v1/admin routes)\n`);

step('Add the demo account and enrol its authenticator (the administrator bootstrap)');
run(serverBin, ['account', 'add', 'demo', '--name', '示範帳號 Demo', '--email', 'demo@example.com', '--national-id', 'A123456789', '--password-stdin', '--data', dataDir], { input: password });
const key = JSON.parse(run(serverBin, ['account', 'totp', 'demo', '--json', '--data', dataDir]));
process.stderr.write(`  authenticator URI: ${key.uri}\n`);

let port = (await isFree(preferredPort)) ? preferredPort : 0;
step(port ? `Start gcis-server on 127.0.0.1:${port}` : `Start gcis-server on 127.0.0.1 (port ${preferredPort} is taken: a free port instead)`);
const { server, url } = await startServer(port).catch(async (error) => {
  if (!port) throw error;
  port = 0; // taken between the check and the start
  process.stderr.write(`  port ${preferredPort} is taken: a free port instead\n`);
  return startServer(port);
});
process.stderr.write(`  listening on ${url}\n`);

try {
  const env = { GCIS_SERVER: url, GCIS_ACCOUNT: 'demo', GCIS_PASSWORD: password, GCIS_TOTP_SECRET: key.secret };
  step('Log in with the authenticator, non-interactively (secrets from the environment, as in CI)');
  run(cliBin, ['login', '--method', 'totp', '--non-interactive'], { env });

  step('Who am I?');
  process.stdout.write(run(cliBin, ['status'], { env: { GCIS_SERVER: url } }));

  step('One-day password (一日密碼): the administrator enables it, the check code is mailed to the outbox');
  const issued = JSON.parse(run(serverBin, ['account', 'enable-one-day-password', 'demo', '--json', '--data', dataDir]));
  process.stderr.write(`  mail written to ${issued.mailLocation}\n`);
  const checkCode = checkCodeIn(readFileSync(issued.mailLocation, 'utf8'));
  const otpEnv = { GCIS_SERVER: url, GCIS_ACCOUNT: 'demo', GCIS_PASSWORD: password, GCIS_CHECK_CODE: checkCode, GCIS_CONFIG_DIR: `${demoDir}/cli-otp` };
  run(cliBin, ['login', '--method', 'otp', '--non-interactive'], { env: otpEnv });
  process.stdout.write(run(cliBin, ['status'], { env: otpEnv }));

  step('Scripts reuse the session: gcis exec runs a command with GCIS_TOKEN set');
  process.stdout.write(
    run(cliBin, ['exec', '--', 'node', '-e', 'console.log("token seen by the script: " + process.env.GCIS_TOKEN.slice(0, 9) + "…")'], {
      env: { GCIS_SERVER: url },
    }),
  );

  if (keepRunning) {
    step(`Server left running at ${url} — press Ctrl-C to stop it`);
    process.stderr.write(
      [
        `  server     ${url}${port ? '' : ` (not ${preferredPort}: use this URL in the README's commands)`}`,
        `  data       ${dataDir}`,
        `  account    demo`,
        `  password   ${password}`,
        `  TOTP key   ${key.secret}  (oathtool --totp -b ${key.secret} prints the current code)`,
        '',
        '  Next, in another terminal inside the repository (the demo session is already stored there):',
        `    export GCIS_SERVER=${url} GCIS_CONFIG_DIR=${demoDir}/cli`,
        '    npx gcis status',
        '    npx gcis totp show',
        `    npx gcis exec -- sh -c 'curl -s -H "Authorization: Bearer $GCIS_TOKEN" "$GCIS_SERVER/v1/session"'`,
        '    npx gcis logout',
        '    npx gcis login --method totp     # account demo, the password above, a code from the TOTP key',
        `    npx gcis-server account list --data ${dataDir}`,
        '',
      ].join('\n'),
    );
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  }
} finally {
  server.kill('SIGTERM');
}
step(keepRunning ? 'Server stopped.' : 'Done. Run it again with --keep to keep the server up: npm run demo -- --keep');

/** gcis-server on 127.0.0.1:port (0: a free one), once it prints its URL. */
function startServer(port) {
  const server = spawn('node', [serverBin, 'start', '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.stdout.once('data', (chunk) => resolve({ server, url: String(chunk).split('\n')[0].trim() }));
    server.once('exit', (code) => reject(new Error(`gcis-server exited with ${code}`)));
  });
}

/** Whether 127.0.0.1:port can be listened on now (gcis-server then takes it a moment later). */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The check code from the quoted-printable .eml that gcis-server writes to its outbox. */
function checkCodeIn(eml) {
  const text = eml.replace(/=\r?\n/g, '');
  return /Check code: ([A-Z0-9]+)/.exec(text)[1];
}
