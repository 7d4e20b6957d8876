// Loading a MOICA-size CRL: @gcis/core/x509 loadCrl against `openssl crl -noout` (the baseline).
//
// Run after `npm run build`:   node bench/crl-load.mjs  [entries] [runs]
// It uses packages/core/dist (the test-PKI builder comes from @gcis/core/x509/testing).
// Defaults: 400 000 entries (~20 MB, like MOICA G2), 7 runs.
//
// Both sides read the file from disk and parse the whole list; loadCrl also indexes every serial.
// openssl's figure includes starting its process (~10 ms), which a server pays per refresh too
// if it shells out. The signature check is timed separately: loadCrl leaves it to
// verifySignature, which path validation calls once per CRL and issuer key.
// The last line times loadCrlAsync, which the server uses to refresh a CRL while serving logins:
// same work cut into slices, and the longest slice is the longest a request can wait for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCrl, loadCrlAsync, parseCertificate } from '../packages/core/dist/x509/index.js';
import { buildLargeCrl, buildTestPki } from '../packages/core/dist/x509/testing/index.js';

const entries = Number(process.argv[2] ?? 400_000);
const runs = Math.max(5, Number(process.argv[3] ?? 7));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (fn) => {
  const started = process.hrtime.bigint();
  const result = fn();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
};

const directory = mkdtempSync(join(tmpdir(), 'gcis-crl-bench-'));
try {
  const now = new Date();
  const pki = buildTestPki({ now, keyType: 'rsa' });
  const { der, serialHexAt } = buildLargeCrl({
    issuer: pki.intermediate,
    count: entries,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
  });
  const file = join(directory, 'complete.crl');
  writeFileSync(file, der);
  const issuerSpki = parseCertificate(pki.intermediate.der).spkiDer;
  console.log(`CRL: ${entries.toLocaleString('en')} entries, ${(der.length / 1e6).toFixed(1)} MB, RSA-2048 signature; ${runs} runs each`);

  const loadTimes = [];
  const verifyTimes = [];
  for (let run = 0; run < runs; run++) {
    const [loadMs, crl] = time(() => loadCrl(readFileSync(file)));
    const [verifyMs, check] = time(() => crl.verifySignature(issuerSpki));
    if (crl.size !== entries || !crl.isRevoked(serialHexAt(entries - 1)) || check.status !== 'valid') {
      throw new Error('loadCrl gave a wrong result');
    }
    loadTimes.push(loadMs);
    verifyTimes.push(verifyMs);
  }

  const asyncTimes = [];
  let longestSlice = 0;
  for (let run = 0; run < runs; run++) {
    const bytes = readFileSync(file); // the server reads with fs/promises, off the event loop
    let sliceStarted = performance.now();
    const started = performance.now();
    const crl = await loadCrlAsync(bytes, {
      yieldToEventLoop: async () => {
        longestSlice = Math.max(longestSlice, performance.now() - sliceStarted);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      },
    });
    longestSlice = Math.max(longestSlice, performance.now() - sliceStarted);
    asyncTimes.push(performance.now() - started);
    if (crl.size !== entries) throw new Error('loadCrlAsync gave a wrong result');
  }

  const opensslTimes = [];
  for (let run = 0; run < runs; run++) {
    const [ms, result] = time(() => spawnSync('openssl', ['crl', '-inform', 'DER', '-noout', '-in', file]));
    if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
    opensslTimes.push(ms);
  }

  const load = median(loadTimes);
  const verify = median(verifyTimes);
  const openssl = median(opensslTimes);
  console.log(`loadCrl (read + parse + index)   median ${load.toFixed(0).padStart(5)} ms   [${loadTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`  + verifySignature (once)       median ${verify.toFixed(0).padStart(5)} ms`);
  console.log(`openssl crl -inform DER -noout   median ${openssl.toFixed(0).padStart(5)} ms   [${opensslTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`loadCrlAsync (server refresh)    median ${median(asyncTimes).toFixed(0).padStart(5)} ms   (parse + index), longest stretch without yielding ${longestSlice.toFixed(1)} ms`);
  console.log(`ratio openssl / loadCrl: ${(openssl / load).toFixed(2)}x  (loadCrl + verify: ${(openssl / (load + verify)).toFixed(2)}x)`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
