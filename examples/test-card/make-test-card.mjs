#!/usr/bin/env node
// A MOICA-like test PKI and a SoftHSM2 "citizen card" holding the citizen key behind a PIN, for
// trying `gcis login --method cert` without a real card. See README.md beside this file.
// Needs the built core (`npm run build -w @gcis/core`), SoftHSM2 and OpenSC's pkcs11-tool.
import { randomInt, X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSoftHsmToken } from '@gcis/core/smartcard/testing';
import { buildTestPki, toPem } from '@gcis/core/x509/testing';

// The faults a card can carry; each makes gcis-server refuse the login with one code.
const variants = {
  valid: { pkiVariant: 'valid', refusedWith: null },
  expired: { pkiVariant: 'expired', refusedWith: 'ERR_CERT_EXPIRED' },
  revoked: { pkiVariant: 'revoked', refusedWith: 'ERR_CERT_REVOKED' },
  'other-root': { pkiVariant: 'other-root', refusedWith: 'ERR_CERT_UNTRUSTED' },
  'no-digital-signature': { pkiVariant: 'leaf-without-digital-signature', refusedWith: 'ERR_CERT_USAGE' },
};

const usage = `usage: make-test-card.mjs FOLDER [--variant ${Object.keys(variants).join('|')}]
                         [--pin DIGITS] [--name NAME] [--id-last4 DIGITS] [--account NAME] [--json]`;
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      variant: { type: 'string', default: 'valid' },
      pin: { type: 'string', default: '123456' },
      name: { type: 'string', default: '王小明' },
      'id-last4': { type: 'string', default: '6789' },
      account: { type: 'string', default: 'alice' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(error.message);
}
const { values: options, positionals } = parsed;
if (options.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (positionals.length !== 1) fail('give exactly one FOLDER');
const variant = variants[options.variant];
if (!variant) fail(`unknown --variant ${options.variant}`);
if (!/^\d{6,8}$/.test(options.pin)) fail('--pin must be 6–8 digits, as on a MOICA card');
if (!/^\d{4}$/.test(options['id-last4'])) fail('--id-last4 must be 4 digits');

const folder = resolve(positionals[0]);
if (existsSync(folder) && readdirSync(folder).length > 0) fail(`${folder} is not empty`);
mkdirSync(folder, { recursive: true, mode: 0o700 });

// 1. The PKI: root → intermediate → citizen (C=TW, CN, serialNumber, SDA with the ID's last 4 digits), RSA-2048 as on the cards.
const serialNumber = `${Date.now()}`.padStart(16, '0').slice(-16); // the 16-character subject serialNumber
const pki = buildTestPki({
  variant: variant.pkiVariant,
  identity: { name: options.name, serialNumber, idLast4: options['id-last4'] },
});
const files = {
  root: join(folder, 'root.der'),
  intermediate: join(folder, 'intermediate.der'),
  citizen: join(folder, 'citizen.der'),
  rootCrl: join(folder, 'root.crl'),
  intermediateCrl: join(folder, 'intermediate.crl'),
};
for (const [name, certificate] of [['root', pki.root], ['intermediate', pki.intermediate], ['citizen', pki.leaf]]) {
  writeFileSync(files[name], certificate.der);
  writeFileSync(join(folder, `${name}.pem`), certificate.pem);
}
writeFileSync(files.rootCrl, pki.rootCrl);
writeFileSync(files.intermediateCrl, pki.intermediateCrl);
writeFileSync(join(folder, 'root.crl.pem'), toPem('X509 CRL', pki.rootCrl));
writeFileSync(join(folder, 'intermediate.crl.pem'), toPem('X509 CRL', pki.intermediateCrl));

// 2. The card: a SoftHSM2 token with the citizen key and certificate under CKA_ID 01. The SO PIN
// can reset a forgotten or locked user PIN (README.md).
const soPin = String(randomInt(10_000_000, 100_000_000));
const privateKey = new Uint8Array(pki.leaf.privateKey.export({ type: 'pkcs8', format: 'der' }));
const token = await createSoftHsmToken({
  label: 'GCIS Test Card',
  pin: options.pin,
  soPin,
  keys: [{ id: '01', label: 'citizen signing', certificateDer: pki.leaf.der, privateKeyPkcs8Der: privateKey }],
});
// SoftHSM2 keeps tokens as plain files: move them from the temporary folder into FOLDER.
const tokenDir = join(folder, 'tokens');
cpSync(join(token.directory, 'tokens'), tokenDir, { recursive: true });
await token.destroy();
const softhsmConf = join(folder, 'softhsm2.conf');
writeFileSync(softhsmConf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`);

const card = {
  folder,
  variant: options.variant,
  refusedWith: variant.refusedWith,
  pin: options.pin,
  soPin,
  tokenLabel: token.label,
  tokenSerial: token.tokenSerial,
  keyId: '01',
  env: { SOFTHSM2_CONF: softhsmConf, GCIS_PKCS11_MODULE: token.modulePath },
  identity: pki.identity,
  certificate: { serialHex: pki.leaf.serialHex, notAfter: new Date(new X509Certificate(pki.leaf.der).validTo).toISOString() },
  files,
};
writeFileSync(join(folder, 'card.json'), `${JSON.stringify(card, null, 2)}\n`, { mode: 0o600 });

if (options.json) {
  process.stdout.write(`${JSON.stringify(card)}\n`);
} else {
  const data = '--data ./gcis-data';
  process.stdout.write(`# Test card "${card.tokenLabel}" (serial ${card.tokenSerial}, variant ${card.variant}) in ${folder}
# ${card.refusedWith ? `gcis-server will refuse it with ${card.refusedWith}.` : 'gcis-server will accept it once it trusts the root.'}
export SOFTHSM2_CONF=${quote(softhsmConf)}
export GCIS_PKCS11_MODULE=${quote(token.modulePath)}
# The PIN is ${card.pin}. Type it at the prompt, or for scripted test runs only: export GCIS_PIN=${card.pin}

# On the server (its data folder here ./gcis-data): trust the test CAs, load their CRLs, bind the card to an account.
gcis-server trust add ${quote(files.root)} ${data}
gcis-server trust add ${quote(files.intermediate)} ${data}
gcis-server crl add ${quote(files.rootCrl)} ${data}
gcis-server crl add ${quote(files.intermediateCrl)} ${data}
gcis-server account bind-cert ${options.account} ${quote(files.citizen)} ${data}

# Then:
gcis card list
gcis login --method cert
`);
}

function quote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
function fail(message) {
  process.stderr.write(`make-test-card: ${message}\n${usage}\n`);
  process.exit(2);
}
