import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedLoginContent } from '@gcis/core/smartcard';
import { verifyLoginSignature } from '@gcis/core/x509';
import { cliBin } from './support/paths.js';
import { makeTestCard, type TestCardFolder } from './support/testCard.js';

// The portal's certificate login in a real browser: headless Chromium loads a page from one
// loopback origin that does what the portal's script does — opens gcis local-server's /popupForm,
// answers its getTbs with the request, reads the signature it posts back — with the SoftHSM2
// card behind a real `gcis local-server` process. A page from an origin not on the list is refused.
const pin = '31415926';
const forbiddenOrigin = 0x7600000f;
let card: TestCardFolder;
let localServer: ResultPromise;
let localServerUrl: string;
let browser: Browser;
const pages: Server[] = [];
let portalUrl: string;
let strangerUrl: string;

/** The portal's part: a button whose click opens the pop-up and runs the postMessage exchange. */
const portalPage = `<!doctype html><meta charset="utf-8"><title>portal</title>
<button id="sign">sign</button><pre id="result"></pre>
<script>
document.getElementById('sign').addEventListener('click', () => {
  const { localServer, request } = window.signing;
  const popup = window.open(localServer + '/popupForm', 'hipki', 'width=420,height=320');
  if (!popup) { document.getElementById('result').textContent = 'popup blocked'; return; }
  window.addEventListener('message', function onMessage(event) {
    if (event.origin !== localServer) return;
    const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    if (data.func === 'getTbs') { popup.postMessage(JSON.stringify(request), event.origin); return; }
    window.removeEventListener('message', onMessage);
    document.getElementById('result').textContent = event.data;
  });
});
</script>`;

async function servePage(host: string): Promise<string> {
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalPage));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  pages.push(server);
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  card = await makeTestCard('valid', { pin });
  portalUrl = await servePage('127.0.0.1');
  strangerUrl = await servePage('127.0.0.2'); // another loopback address: another origin
  localServer = execa('node', [cliBin, 'local-server', '--port', '0', '--no-default-origins', '--allow-origin', portalUrl], {
    env: { PATH: process.env.PATH ?? '', HOME: dirname(card.folder), ...card.env },
    extendEnv: false,
    reject: false,
  });
  localServerUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    localServer.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    void localServer.then((result) => reject(new Error(`local-server ended: ${String(result.stderr)}`)));
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'], timeout: 60_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  localServer?.kill('SIGINT');
  await localServer;
  await Promise.all(pages.map((server) => new Promise((resolve) => server.close(resolve))));
  if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
});

/** Opens `pageUrl`, clicks the portal's sign button and returns the raw reply the pop-up posted back. */
async function signThroughPopup(pageUrl: string, request: Record<string, unknown>): Promise<{ reply: string; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl);
  // Strings run in the page (this project compiles without the DOM types).
  await page.evaluate(`window.signing = ${JSON.stringify({ localServer: localServerUrl, request })}`);
  const popupClosed = page.waitForEvent('popup', { timeout: 30_000 }).then((popup) => popup.waitForEvent('close', { timeout: 30_000 }));
  await page.click('#sign');
  await page.waitForFunction("document.getElementById('result').textContent !== ''", undefined, { timeout: 30_000 });
  await popupClosed; // the pop-up closes itself once it has answered
  return { reply: (await page.textContent('#result')) ?? '', page };
}

const loginRequest = (challenge: string, origin: string) => ({
  func: 'MakeSignature',
  signatureType: 'PKCS7',
  tbs: Buffer.from(signedLoginContent({ challenge, origin, issuedAt: new Date() })).toString('utf8'),
  tbsEncoding: 'NONE',
  hashAlgorithm: 'SHA256',
  withCardSN: 'true',
  pin,
  nonce: Buffer.from(challenge, 'base64url').toString('hex'),
});

describe('gcis local-server in Chromium', () => {
  it('signs the portal page’s login request through /popupForm, and the signature verifies with @gcis/core', async () => {
    const challenge = Buffer.alloc(32, 5).toString('base64url');
    const { reply, page } = await signThroughPopup(portalUrl, loginRequest(challenge, 'https://gcis.example'));
    await page.context().close();
    const parsed = JSON.parse(reply) as { ret_code: number; signature: string; cardSN: string };
    expect(parsed).toMatchObject({ ret_code: 0, cardSN: card.tokenSerial });
    const files = card.files;
    const result = verifyLoginSignature(
      { signature: Buffer.from(parsed.signature, 'base64') },
      {
        challenge,
        origin: 'https://gcis.example',
        at: new Date(),
        trustAnchors: [readFileSync(files.root)],
        intermediates: [readFileSync(files.intermediate)],
        crls: [readFileSync(files.rootCrl), readFileSync(files.intermediateCrl)],
        revocation: 'require',
      },
    );
    expect(result).toMatchObject({ ok: true, identity: { name: card.identity.name, cardSerial: card.tokenSerial } });
  });

  it('answers pkcs11info through the pop-up with the card and its certificate', async () => {
    const { reply, page } = await signThroughPopup(portalUrl, { func: 'pkcs11info', withcert: 'true' });
    await page.context().close();
    const parsed = JSON.parse(reply) as { ret_code: number; slots: Array<{ token: { serialNumber: string; certs: Array<{ certb64: string }> } }> };
    expect(parsed.ret_code).toBe(0);
    expect(parsed.slots[0]?.token.serialNumber).toBe(card.tokenSerial);
    expect(parsed.slots[0]?.token.certs[0]?.certb64).toBe(readFileSync(card.files.citizen).toString('base64'));
  });

  it('refuses a page from an origin not on the list with the forbidden-origin code, and no page can read the API directly', async () => {
    const { reply, page } = await signThroughPopup(strangerUrl, loginRequest(Buffer.alloc(32, 6).toString('base64url'), 'https://gcis.example'));
    expect(JSON.parse(reply)).toMatchObject({ ret_code: forbiddenOrigin });
    expect(reply).not.toContain('signature');
    // No CORS headers: a direct call is opaque to any page, allowed or not.
    const direct = await page.evaluate(async (url) => {
      try {
        await fetch(`${url}/pkcs11info?withcert=true`, { method: 'POST' });
        return 'read';
      } catch (error) {
        return (error as Error).name;
      }
    }, localServerUrl);
    expect(direct).toBe('TypeError');
    await page.context().close();
  });
});
