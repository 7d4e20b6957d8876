// Certificate-login verifications per second, in-process: verifyLoginSignature on a CMS SignedData
// from buildLoginSignature (RSA-2048, SHA-256), a path of 3 (citizen → CA → root) and a CRL lookup
// in a 400,000-entry CRL (~20 MB, like MOICA G2), all loaded once as the server does. The baseline,
// measured in the same process, is a bare RSA-2048 crypto.verify. A login needs two of those per
// request (the CMS signature and the citizen certificate; the CA → root check is remembered for
// the CAs the server parsed once), so 0.5 is the ceiling; the rest is parsing and the leaf's key import.
//
// Run after `npm run build`:   node bench/cert-login-verify.mjs  [seconds per side]
// The two sides run in alternating rounds (medians reported), so a busy machine slows both alike.
import { sign, verify } from 'node:crypto';
import { buildLoginSignature, signedLoginContent } from '../packages/core/dist/smartcard/index.js';
import { createKeySigner } from '../packages/core/dist/smartcard/testing/index.js';
import { loadCrl, parseCertificate, verifyLoginSignature } from '../packages/core/dist/x509/index.js';
import { buildLargeCrl, buildTestPki } from '../packages/core/dist/x509/testing/index.js';

const seconds = Number(process.argv[2] ?? 3);
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const origin = 'https://gcis.example';
const challenge = 'hJ8u1vWq0b3lq6m8Zr2dXk7sJvYQeA0pN4cT9yLwU1E';

const pki = buildTestPki({ now, keyType: 'rsa' });
const large = buildLargeCrl({ issuer: pki.intermediate, count: 400_000, thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * 86_400_000) });
// What the server holds in memory: parsed CAs, CRLs loaded and indexed once.
const trust = {
  trustAnchors: pki.trustAnchors.map((der) => parseCertificate(der)),
  intermediates: pki.intermediates.map((der) => parseCertificate(der)),
  crls: [loadCrl(pki.rootCrl), loadCrl(large.der)],
};
const signer = createKeySigner(pki.leaf);
const signature = await buildLoginSignature({
  signer,
  certificate: signer.certificate,
  pin: '123456',
  content: signedLoginContent({ challenge, origin, issuedAt: now }),
  nonce: Buffer.from(challenge, 'base64url'),
  signingTime: now,
  cardSerial: 'TP03000012345678',
});
const options = { challenge, origin, at: now, revocation: 'require', ...trust };

/** Calls per second of `fn` over `ms` milliseconds. */
function rate(fn, ms) {
  let count = 0;
  const started = performance.now();
  const until = started + ms;
  while (performance.now() < until) {
    for (let i = 0; i < 10; i++) fn();
    count += 10;
  }
  return count / ((performance.now() - started) / 1000);
}

/** Both sides in alternating rounds, after a warm-up, so load from other processes hits them alike; medians. */
function compare(sides, { rounds = 7, totalSeconds = seconds * 2 } = {}) {
  for (const fn of Object.values(sides)) rate(fn, 500); // JIT warm-up, and the CRL's one-time signature check
  const results = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  const slice = (totalSeconds * 1000) / rounds / Object.keys(sides).length;
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(sides)) results[name].push(rate(fn, slice));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(Object.entries(results).map(([name, values]) => [name, median(values)]));
}

const first = verifyLoginSignature({ signature }, options);
if (!first.ok) throw new Error(`the benchmark signature does not verify: ${first.code} ${first.message}`);
const revokedCheck = verifyLoginSignature({ signature }, { ...options, crls: [trust.crls[0], loadCrl(buildLargeCrl({ issuer: pki.intermediate, count: 1000, thisUpdate: now, nextUpdate: new Date(now.getTime() + 86_400_000), extraSerialHexes: [pki.leaf.serialHex] }).der)] });
if (revokedCheck.ok || revokedCheck.code !== 'ERR_CERT_REVOKED') throw new Error('revocation is not being checked');

const data = new Uint8Array(200).fill(7);
const rsaSignature = sign('sha256', data, pki.leaf.privateKey);
const { baseline, logins } = compare({
  baseline: () => {
    if (!verify('sha256', data, pki.leaf.publicKey, rsaSignature)) throw new Error('baseline verify failed');
  },
  logins: () => {
    if (!verifyLoginSignature({ signature }, options).ok) throw new Error('login verify failed');
  },
});

console.log(`CRL: ${large.der.length.toLocaleString('en')} bytes, 400,000 entries; path of 3 RSA-2048 certificates; ${seconds} s per side in 7 alternating rounds`);
console.log(`verifyLoginSignature (CMS + path + CRL lookup)  ${logins.toFixed(0).padStart(7)} /s`);
console.log(`crypto.verify RSA-2048 SHA-256 (baseline)       ${baseline.toFixed(0).padStart(7)} /s`);
console.log(`ratio login / bare RSA verify: ${(logins / baseline).toFixed(3)}  (2 RSA verifies per login → ceiling 0.5; one login costs as much as ${(baseline / logins).toFixed(1)} bare verifies)`);
