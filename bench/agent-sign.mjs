// Card signatures per second through `gcis agent` against a fresh PKCS#11 session for each one,
// on a SoftHSM2 token (RSA-2048, CKM_SHA256_RSA_PKCS). The agent side is what `gcis sign` does
// per file with GCIS_AGENT_SOCK set: connect to the agent's Unix socket, send the signed
// attributes, read the signature — the agent keeps one logged-in session. The baseline, measured
// in the same run, is createPkcs11Signer: C_Initialize, open a session, C_Login, sign, C_Logout,
// C_Finalize each time, as `gcis sign` does without the agent. A real card spends ~1 s in the
// signature itself, so the ratio there is smaller; SoftHSM shows the session overhead alone.
//
// Run after `npm run build`:   node bench/agent-sign.mjs  [seconds per side]
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createPkcs11Signer } from '../packages/core/dist/smartcard/index.js';
import { createTestCard } from '../packages/core/dist/smartcard/testing/index.js';

const seconds = Number(process.argv[2] ?? 3);
const cliBin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const data = Buffer.alloc(220, 0x31); // about the size of DER signed attributes

const card = await createTestCard({ pin: '123456' });
Object.assign(process.env, card.env);
const env = { ...process.env, ...card.env, GCIS_PKCS11_MODULE: card.modulePath, GCIS_PIN: card.pin };
const fresh = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
const certificate = (await fresh.listCertificates()).find((entry) => entry.keyId === '01');

const agent = spawn(process.execPath, [cliBin, 'agent', '--foreground', '--certificate', '01', '--max-signatures', '1000000', '--lifetime', '1h', '--idle', '1h'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const socketPath = await new Promise((resolve, reject) => {
  let text = '';
  agent.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /GCIS_AGENT_SOCK=([^;]+);/.exec(text);
    if (match) resolve(match[1]);
  });
  agent.on('exit', (code) => reject(new Error(`gcis agent exited with ${code}`)));
});

/** One agent request on its own connection, as a `gcis sign` process makes it. */
const viaAgent = () =>
  new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\n')) {
        socket.end();
        const parsed = JSON.parse(reply);
        parsed.ok ? resolve(parsed.signature) : reject(new Error(parsed.code));
      }
    });
    socket.on('error', reject);
    socket.write(`${JSON.stringify({ op: 'sign', data: data.toString('base64') })}\n`);
  });
const viaFreshSession = () => fresh.sign({ certificate, data, pin: card.pin });

/** Signatures per second of `fn` over `ms` milliseconds. */
async function rate(fn, ms) {
  let count = 0;
  const started = performance.now();
  while (performance.now() < started + ms) {
    await fn();
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}

const sides = { agent: viaAgent, fresh: viaFreshSession };
for (const fn of Object.values(sides)) await rate(fn, 300); // warm-up
const results = { agent: [], fresh: [] };
const rounds = 5;
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(sides)) results[name].push(await rate(fn, (seconds * 1000) / rounds));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const agentRate = median(results.agent);
const freshRate = median(results.fresh);
console.log(`agent-sign: ${agentRate.toFixed(0)} signatures/s through gcis agent, ${freshRate.toFixed(0)} signatures/s with a fresh PKCS#11 session each (SoftHSM2, RSA-2048)`);
console.log(`agent-sign: ratio agent / fresh session = ${(agentRate / freshRate).toFixed(2)}`);

agent.kill('SIGINT');
await new Promise((resolve) => agent.on('exit', resolve));
await fresh.close();
await card.destroy();
