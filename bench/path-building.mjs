// Path building on inputs built to cause unbounded work, against a normal 3-certificate path.
// Before the budgets, 16 same-name, same-key CAs took 16 s and each added one doubled it; now
// every case ends within the fixed budget (maxPathCandidates 64, maxSignatureChecks 32,
// maxPathLength 8), so each line's ratio to the normal path stays a small constant.
//
// Run after `npm run build`:   node bench/path-building.mjs  [seconds per case]
// Fresh DER inputs each call (nothing parsed or verified before), as a login's leaf arrives.
import { verifyCertificatePath } from '../packages/core/dist/x509/index.js';
import { buildPathTrap, buildTestPki, generateTestKeyPair } from '../packages/core/dist/x509/testing/index.js';

const seconds = Number(process.argv[2] ?? 1);
const keys = Array.from({ length: 10 }, () => generateTestKeyPair('ec-p256'));
// The same P-256 keys everywhere, so the ratio compares path building and not curves.
const normal = buildTestPki({ keys: { root: keys[0], intermediate: keys[1], leaf: keys[2], other: keys[3] } });
const cases = {
  'normal path of 3 (leaf → CA → root)': {
    input: { leaf: normal.leaf.der, intermediates: normal.intermediates, trustAnchors: normal.trustAnchors, at: normal.now },
    expect: 'ok',
  },
  '16 same-name, same-key CAs, no way out': { input: buildPathTrap('same-name-same-key', 16, { keys }), expect: 'ERR_CERT_UNTRUSTED' },
  '32 same-name, same-key CAs, no way out': { input: buildPathTrap('same-name-same-key', 32, { keys }), expect: 'ERR_CERT_UNTRUSTED' },
  '32 same-name, same-key CAs, one to the root': { input: buildPathTrap('same-name-same-key', 32, { keys, reachable: true }), expect: 'ok' },
  'ring of 8 cross-certified CAs (longer than 8)': { input: buildPathTrap('cross-loop', 8, { keys }), expect: 'ERR_CERT_PATH' },
  'mesh of 8 CAs (56 cross-certificates)': { input: buildPathTrap('mesh', 8, { keys }), expect: 'ERR_PATH_BUDGET' },
  'mesh of 16 CAs (240 cross-certificates)': { input: buildPathTrap('mesh', 16, { keys }), expect: 'ERR_PATH_BUDGET' },
};

function timePerCall(input) {
  const call = () => verifyCertificatePath({ ...input, revocation: 'skip' });
  for (let i = 0; i < 5; i++) call();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    call();
    count++;
  }
  return (performance.now() - started) / count;
}

const rows = [];
for (const [name, { input, expect }] of Object.entries(cases)) {
  const result = verifyCertificatePath({ ...input, revocation: 'skip' });
  const outcome = result.ok ? 'ok' : result.code;
  if (outcome !== expect) throw new Error(`${name}: expected ${expect}, got ${outcome}`);
  rows.push({ name, outcome, ms: timePerCall(input) });
}
const baseline = rows[0].ms;
console.log(`path building, ${seconds} s per case; ratio = time / normal 3-certificate path`);
for (const { name, outcome, ms } of rows) {
  console.log(`${name.padEnd(46)} ${outcome.padEnd(19)} ${ms.toFixed(3).padStart(8)} ms  ratio ${(ms / baseline).toFixed(1).padStart(6)}`);
}
