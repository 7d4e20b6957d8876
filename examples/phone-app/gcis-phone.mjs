#!/usr/bin/env node
// A phone-app simulator for push login (行動自然人憑證) against the gcis TW FidO emulator: binds a
// device key after the citizen's card signs the binding, then shows pending requests and approves
// (after the user types the match code) or denies them. See README.md beside this file.
// Needs the built core (`npm run build -w @gcis/core`); binding needs the card's PKCS#11 module.
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { maskNationalId, validateNationalId } from '@gcis/core/id';
import { detectLocale, langFlag } from '@gcis/core/i18n';
import { bindingContent, matchCodeFromHint, signPushRequest } from '@gcis/core/push';
import { catalogues } from './messages.mjs';

// zh-TW when --lang, GCIS_LANG, LC_ALL, LC_MESSAGES or LANG asks for it (see README "Language")
const t = catalogues[detectLocale(process.env, langFlag(process.argv.slice(2)))];
const usage = t.usage;

class Exit extends Error {
  constructor(code, message) {
    super(message);
    this.exitCode = code;
  }
}

const commands = { bind, requests, approve, deny };

try {
  const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'national-id': { type: 'string' },
      emulator: { type: 'string' },
      name: { type: 'string', default: 'gcis phone simulator' },
      'pkcs11-module': { type: 'string' },
      'key-id': { type: 'string' },
      'card-chain': { type: 'string', multiple: true, default: [] },
      state: { type: 'string' },
      'auto-approve': { type: 'string' },
      wait: { type: 'string', default: '30' },
      'replay-last': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      lang: { type: 'string' },
    },
  });
  if (options.help) {
    process.stdout.write(`${usage}\n`);
  } else {
    const command = commands[positionals[0]];
    if (!command || positionals.length !== 1) throw new Exit(2, usage);
    const stateDir = resolve(options.state ?? process.env.GCIS_PHONE_STATE ?? join(homedir(), '.gcis-phone'));
    await command(options, stateDir);
  }
} catch (error) {
  const code = error instanceof Exit ? error.exitCode : error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
  process.stderr.write(`gcis-phone: ${error.message}\n`);
  process.exitCode = code;
}

/** Binds this "phone": a new RSA-2048 device key, signed for by the citizen's card, certified by the emulator. */
async function bind(options, stateDir) {
  const id = validateNationalId(options['national-id'] ?? '');
  if (!id.valid) throw new Exit(2, t.badId);
  if (!options.emulator) throw new Exit(2, t.needEmulator);
  const emulator = options.emulator.replace(/\/+$/, '');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const { challenge } = await call('POST', `${emulator}/moise/device/bind/challenge`, {});
  const content = bindingContent({ challenge, idNum: id.id, devicePublicKey: spki, origin: emulator });
  const { certificate, signature } = await signWithCard(options, id.id, content);
  const bound = await call('POST', `${emulator}/moise/device/bind`, {
    idNum: id.id,
    deviceName: options.name,
    devicePublicKey: Buffer.from(spki).toString('base64'),
    challenge,
    cardCertificate: Buffer.from(certificate).toString('base64'),
    cardSignature: Buffer.from(signature).toString('base64'),
    cardChain: options['card-chain'].map((file) => readCertificate(file)),
  });
  saveJson(stateDir, 'device.json', {
    emulator,
    deviceId: bound.deviceId,
    name: bound.name,
    maskedId: bound.maskedId,
    certificate: bound.certificate,
    caCertificate: bound.caCertificate,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  });
  process.stderr.write(`${t.bound(bound.name, bound.maskedId, stateDir)}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ deviceId: bound.deviceId, maskedId: bound.maskedId })}\n`);
}

/** The card signs the binding: PKCS#11 (GCIS_PKCS11_MODULE or --pkcs11-module), PIN from GCIS_PIN or asked. */
async function signWithCard(options, idNum, content) {
  const { createPkcs11Signer } = await import('@gcis/core/smartcard');
  const { parseMoicaIdentity } = await import('@gcis/core/x509');
  const signer = await createPkcs11Signer({ modulePath: options['pkcs11-module'] });
  try {
    const certificates = await signer.listCertificates();
    const lastFour = (card) => {
      try {
        return parseMoicaIdentity(card.certificate).idLast4;
      } catch {
        return undefined;
      }
    };
    const card = options['key-id']
      ? certificates.find((c) => c.keyId === options['key-id'].toLowerCase())
      : certificates.find((c) => lastFour(c) === idNum.slice(-4) && c.keyType === 'RSA') ?? certificates.find((c) => lastFour(c) === idNum.slice(-4));
    if (!card) throw new Exit(1, t.noCertificate(maskNationalId(idNum)));
    process.stderr.write(`${t.card(card.tokenLabel, card.subject)}\n`);
    const pin = process.env.GCIS_PIN ?? (await askHidden(t.pin));
    const signature = await signer.sign({ certificate: card, data: content, pin });
    return { certificate: card.certificate, signature };
  } finally {
    await signer.close();
  }
}

async function requests(options, stateDir) {
  const device = loadDevice(stateDir);
  const { requests: waiting } = await call('GET', `${device.emulator}/moise/device/${device.deviceId}/requests`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(waiting.map(({ signInfo: _s, hint: _h, ...shown }) => shown))}\n`);
    return;
  }
  if (waiting.length === 0) process.stderr.write(`${t.nothing}\n`);
  for (const request of waiting) process.stderr.write(`${describe(request)}\n`);
}

/**
 * Approves the newest pending request once the user types the match code their terminal shows;
 * a wrong code denies it. `--replay-last` answers with the previous signed response instead of a
 * new signature (to show the server refusing a replay).
 */
async function approve(options, stateDir) {
  const device = loadDevice(stateDir);
  const request = await nextRequest(device, options);
  process.stderr.write(`${describe(request)}\n`);
  const expected = matchCodeFromHint(request.hint);
  let typed = options['auto-approve'];
  if (typed === undefined) {
    if (!process.stdin.isTTY) throw new Exit(2, t.noTerminal);
    typed = await ask(t.typeMatchCode);
  }
  const answer = (body) => call('POST', `${device.emulator}/moise/device/${device.deviceId}/requests/${request.requestId}`, body);
  if (!expected || typed.trim() !== expected) {
    await answer({ decision: 'deny' });
    throw new Exit(4, t.wrongCode);
  }
  const privateKey = createPrivateKey(device.privateKeyPem);
  const last = join(stateDir, 'last-response.json');
  const signedResponse = options['replay-last']
    ? JSON.parse(readFileSync(last, 'utf8')).signedResponse
    : signPushRequest({ privateKey, signInfo: request.signInfo });
  await answer({ decision: 'approve', signedResponse });
  saveJson(stateDir, 'last-response.json', { requestId: request.requestId, signedResponse });
  process.stderr.write(`${options['replay-last'] ? t.replayed : t.approved}\n`);
}

async function deny(options, stateDir) {
  const device = loadDevice(stateDir);
  const request = await nextRequest(device, options);
  process.stderr.write(`${describe(request)}\n`);
  await call('POST', `${device.emulator}/moise/device/${device.deviceId}/requests/${request.requestId}`, { decision: 'deny' });
  process.stderr.write(`${t.denied}\n`);
}

/** The newest pending request, waiting up to --wait seconds for one to arrive (a push). */
async function nextRequest(device, options) {
  const seconds = Number(options.wait);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Exit(2, t.waitFlag);
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { requests: waiting } = await call('GET', `${device.emulator}/moise/device/${device.deviceId}/requests`);
    if (waiting.length > 0) return waiting[0];
    if (Date.now() >= deadline) throw new Exit(3, t.nothingAfter(seconds));
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** What the app shows: who asks, when, for which (masked) ID — never the match code itself. */
function describe(request) {
  const at = new Date(request.createdAt).toLocaleTimeString('zh-TW', { hour12: false });
  const until = new Date(request.expiresAt).toLocaleTimeString('zh-TW', { hour12: false });
  return t.asks(request.service, request.opCode === 'SIGN', request.maskedId, at, until);
}

async function call(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new Exit(1, t.unreachable(new URL(url).origin, cause.cause?.code ?? cause.message));
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Exit(1, t.refused(json.error_message ?? response.status, json.error_code ?? 'HTTP'));
  return json;
}

function loadDevice(stateDir) {
  const file = join(stateDir, 'device.json');
  if (!existsSync(file)) throw new Exit(2, t.noDevice(stateDir));
  return JSON.parse(readFileSync(file, 'utf8'));
}

function saveJson(stateDir, name, value) {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = join(stateDir, name);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  chmodSync(file, 0o600);
}

function readCertificate(file) {
  const bytes = readFileSync(file);
  const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  return pem ? pem[1].replace(/\s+/g, '') : bytes.toString('base64');
}

function ask(question) {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((done) => rl.question(question, (answer) => (rl.close(), done(answer))));
}

/** A prompt that does not echo: the PIN. */
function askHidden(question) {
  if (!process.stdin.isTTY) throw new Exit(2, 'no terminal to ask the PIN: set GCIS_PIN (test cards only)');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  rl._writeToOutput = (text) => {
    if (text.startsWith(question)) process.stderr.write(question);
  };
  return new Promise((done) => rl.question(question, (answer) => (rl.close(), process.stderr.write('\n'), done(answer))));
}
