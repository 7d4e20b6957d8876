// Whole-process startup of `gcis token` against a bare `node -e 0`, which is the floor for any
// Node CLI. Run after `npm run build`. Prints both medians and the ratio (target ≤ 1.3); exits
// non-zero only when `gcis token` itself fails, never because of the ratio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.env.BENCH_RUNS ?? 21);
const target = 1.3;
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'packages/cli/dist/bin.js');

const configDir = mkdtempSync(join(tmpdir(), 'gcis-bench-'));
const token = `gcis_${'b'.repeat(43)}`;
const now = Date.now();
const session = {
  token,
  account: 'bench',
  method: 'totp',
  issuedAt: new Date(now).toISOString(),
  expiresAt: new Date(now + 3600_000).toISOString(),
  idleTimeoutSeconds: 1800,
  idleExpiresAt: new Date(now + 1800_000).toISOString(),
};
writeFileSync(
  join(configDir, 'sessions.json'),
  // As `gcis use` leaves it: without --server or GCIS_SERVER, gcis token reads the default first.
  JSON.stringify({ version: 1, sessions: { 'http://127.0.0.1:8470': session }, defaultServer: 'http://127.0.0.1:8470' }),
  { mode: 0o600 },
);
const env = { PATH: process.env.PATH, HOME: configDir, GCIS_CONFIG_DIR: configDir };

const commands = {
  'gcis token': [bin, 'token'],
  'node -e 0': ['-e', '0'],
};

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  return { milliseconds, result };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  const check = time(commands['gcis token']).result;
  if (check.status !== 0 || check.stdout !== `${token}\n`) {
    console.error(`gcis token failed (exit ${check.status}): ${check.stderr || check.stdout}`);
    process.exitCode = 1;
  } else {
    for (const args of Object.values(commands)) time(args); // warm the file cache
    const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    // Alternate the two so that drift in machine load hits both alike.
    for (let run = 0; run < runs; run++) {
      for (const [name, args] of Object.entries(commands)) samples[name].push(time(args).milliseconds);
    }
    const gcis = median(samples['gcis token']);
    const node = median(samples['node -e 0']);
    const ratio = gcis / node;
    console.log(`runs:        ${runs} each, alternating`);
    console.log(`gcis token:  ${gcis.toFixed(1)} ms (median)`);
    console.log(`node -e 0:   ${node.toFixed(1)} ms (median)`);
    console.log(`ratio:       ${ratio.toFixed(2)} (target ≤ ${target}) ${ratio <= target ? 'ok' : 'OVER TARGET'}`);
  }
} finally {
  rmSync(configDir, { recursive: true, force: true });
}
