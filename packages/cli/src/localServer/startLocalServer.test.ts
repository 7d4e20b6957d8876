import { request as httpRequest } from 'node:http';
import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHipkiSigner, createPkcs11Signer, buildLoginSignature, signedLoginContent, type Signer } from '@gcis/core/smartcard';
import { createTestCard, type TestCard } from '@gcis/core/smartcard/testing';
import { verifyLoginSignature } from '@gcis/core/x509';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { startLocalServer, type RunningLocalServer } from './startLocalServer.js';

const now = new Date('2026-11-27T02:00:00Z');
const portal = 'http://localhost:8443';
const pin = '24681357';
let card: TestCard;
let signer: Signer;
let server: RunningLocalServer;
const log: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  card = await createTestCard({ pin, now });
  Object.assign(process.env, card.env);
  signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  server = await startLocalServer({ signer, port: 0, allowedOrigins: [portal], clock: { now: () => now }, log: (entry) => log.push(entry) });
});
afterAll(async () => {
  await server?.close();
  await signer?.close();
  await card?.destroy();
});

/** A raw POST, headers as a browser or an attacker would set them. */
function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}, body = new URLSearchParams(form).toString()) {
  return new Promise<{ status: number; headers: Record<string, unknown>; json: Record<string, unknown> }>((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, json: JSON.parse(text) as Record<string, unknown> }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
const tbsPackage = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ tbs: 'challenge-text 測試', tbsEncoding: 'NONE', hashAlgorithm: 'SHA256', withCardSN: 'true', pin, nonce: 'A1B2C3D4E5F60718', func: 'MakeSignature', signatureType: 'PKCS1', ...fields });
const u32 = (value: unknown) => Number(value) >>> 0;

describe('gcis local-server', () => {
  it('serves createHipkiSigner unchanged: it lists the card and signs a login that the server side verifies', async () => {
    const hipki = createHipkiSigner({ baseUrl: server.url });
    // The test card also holds an EC certificate; HiPKI's PKCS1 signs with the RSA one.
    const certificate = (await hipki.listCertificates()).find((entry) => entry.keyType === 'RSA');
    expect(certificate?.tokenSerial).toBe(card.tokenSerial);
    const content = signedLoginContent({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA', origin: 'https://gcis.example', issuedAt: now });
    const cms = await buildLoginSignature({ signer: hipki, certificate: certificate!, pin: card.pin, content, nonce: Buffer.alloc(16), signingTime: now });
    const result = verifyLoginSignature({ signature: cms }, { challenge: 'AAAAAAAAAAAAAAAAAAAAAA', origin: 'https://gcis.example', at: now, trustAnchors: card.rsa.trustAnchors, intermediates: card.rsa.intermediates, crls: card.rsa.crls, revocation: 'require' });
    expect(result).toMatchObject({ ok: true });
  });

  it.each(['NONE', 'base64'])('signs PKCS1 with tbsEncoding %s over the same bytes', async (tbsEncoding) => {
    const text = 'challenge-text 測試';
    const tbs = tbsEncoding === 'NONE' ? text : Buffer.from(text).toString('base64');
    const { json } = await post('/sign', { tbsPackage: tbsPackage({ tbs, tbsEncoding }) });
    expect(json).toMatchObject({ ret_code: 0, cardSN: card.tokenSerial, certb64: Buffer.from(card.rsa.leaf.der).toString('base64') });
    expect(verify('sha256', Buffer.from(text), card.rsa.leaf.publicKey, Buffer.from(json.signature as string, 'base64'))).toBe(true);
  });

  it('signs PKCS7: a SignedData with the nonce and card serial that verifyLoginSignature accepts', async () => {
    const challenge = Buffer.alloc(16, 9).toString('base64url');
    const content = Buffer.from(signedLoginContent({ challenge, origin: 'https://gcis.example', issuedAt: now })).toString('utf8');
    const nonce = Buffer.from(challenge, 'base64url').toString('hex');
    const { json } = await post('/sign', { tbsPackage: tbsPackage({ tbs: content, signatureType: 'PKCS7', nonce }) }, { origin: portal });
    const result = verifyLoginSignature({ signature: Buffer.from(json.signature as string, 'base64') }, { challenge, origin: 'https://gcis.example', at: now, trustAnchors: card.rsa.trustAnchors, intermediates: card.rsa.intermediates, crls: card.rsa.crls, revocation: 'require' });
    expect(result).toMatchObject({ ok: true, identity: { cardSerial: card.tokenSerial } });
  });

  it('sends no CORS headers, so no page can read a reply', async () => {
    const { headers } = await post('/sign', { tbsPackage: tbsPackage() }, { origin: portal });
    expect(Object.keys(headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it.each([
    ['a page origin not on the list', { origin: 'https://evil.example' }, {}],
    ['an opaque (null) origin', { origin: 'null' }, {}],
    ['a DNS-rebinding Host name', { host: `evil.example:${0}` }, {}],
    ['its own origin without the opener', { origin: 'ownOrigin' }, {}],
    ['its own origin naming an opener not on the list', { origin: 'ownOrigin' }, { openerOrigin: 'https://evil.example' }],
    ['an allowed origin but for the port', { origin: 'http://localhost:8444' }, {}],
    ['an allowed origin but for the scheme', { origin: 'https://localhost:8443' }, {}],
    ['an allowed origin with a trailing slash', { origin: `${portal}/` }, {}],
    ['an opener differing from the allowed one by its port', { origin: 'ownOrigin' }, { openerOrigin: 'http://localhost:8444' }],
    ['a loopback Host with another port', { host: 'otherPort' }, {}],
  ])('refuses %s with 0x7600000F before the card sees the PIN', async (_, headers: Record<string, string>, extra: Record<string, string>) => {
    const patched = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name,
        value === 'ownOrigin' ? server.url : value === 'otherPort' ? `127.0.0.1:${server.port + 1}` : name === 'host' ? `evil.example:${server.port}` : value,
      ]),
    );
    const { json } = await post('/sign', { tbsPackage: tbsPackage({ pin: '00000000' }), ...extra }, patched);
    expect(u32(json.ret_code)).toBe(0x7600000f);
    const [listed] = await signer.listCertificates();
    expect(listed?.pinStatus.countLow).toBe(false); // the wrong PIN never reached the card
  });

  it('serves a page through its own /popupForm when the opener is on the list', async () => {
    const { json } = await post('/sign', { tbsPackage: tbsPackage(), openerOrigin: portal }, { origin: server.url });
    expect(json).toMatchObject({ ret_code: 0 });
    expect(log.at(-1)).toMatchObject({ caller: `${portal} (popupForm)`, func: 'MakeSignature', ret_code: 0 });
  });

  it('maps a wrong PIN to the component’s codes, which createHipkiSigner reads as ERR_PIN_INCORRECT; a good PIN resets', async () => {
    const { json } = await post('/sign', { tbsPackage: tbsPackage({ pin: '11112222' }) });
    expect(u32(json.ret_code)).toBe(0x76100006);
    const hipki = createHipkiSigner({ baseUrl: server.url });
    const certificate = (await hipki.listCertificates()).find((entry) => entry.keyType === 'RSA');
    expect(await errorCodeOf(hipki.sign({ certificate: certificate!, data: Buffer.from('x'), pin: '11112222' }))).toBe('ERR_PIN_INCORRECT');
    expect((await post('/sign', { tbsPackage: tbsPackage() })).json.ret_code).toBe(0);
  });

  it.each([
    ['no PIN', { tbsPackage: tbsPackage({ pin: '' }) }, 0x76000998],
    ['a hash other than SHA-256', { tbsPackage: tbsPackage({ hashAlgorithm: 'SHA1' }) }, 0x7600000c],
    ['an unknown signature type', { tbsPackage: tbsPackage({ signatureType: 'RAW' }) }, 0x7600000c],
    ['bad base64', { tbsPackage: tbsPackage({ tbsEncoding: 'base64', tbs: '***' }) }, 0x7600000c],
    ['a tbsPackage that is not JSON', { tbsPackage: '{"tbs":' }, 0x7600000c],
    ['a JSON array', { tbsPackage: '[1,2]' }, 0x7600000c],
  ])('answers %s with its code, never a 5xx', async (_, form, code) => {
    const { status, json } = await post('/sign', form);
    expect([status, u32(json.ret_code)]).toEqual([200, code]);
  });

  it('refuses a body over 1 MiB', async () => {
    const { status, json } = await post('/sign', {}, {}, `tbsPackage=${'a'.repeat(1_100_000)}`);
    expect([status, u32(json.ret_code)]).toEqual([413, 0x7600000c]);
  });

  it('answers many requests at once, one card operation at a time', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, (_, index) => post('/sign', { tbsPackage: tbsPackage({ tbs: `t${index}` }) })));
    expect(replies.every(({ json }) => json.ret_code === 0)).toBe(true);
  });

  it('logs who asked for what, never the PIN or the data', async () => {
    const text = JSON.stringify(log);
    expect(text).toContain('https://evil.example (refused: origin)');
    expect(text).toContain('local program');
    expect(text).not.toContain(card.pin);
    expect(text).not.toContain('challenge-text');
  });

  it('serves /popupForm with a nonce CSP, and refuses it under a foreign Host', async () => {
    const page = await fetch(`${server.url}/popupForm`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'; connect-src 'self'; frame-ancestors 'none'/);
    expect(await page.text()).toContain('getTbs');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => request(`${server.url}/popupForm`, { headers: { host: 'evil.example' } }, (response) => resolve(response.statusCode ?? 0)).end());
    expect(status).toBe(403);
  });
});
