import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@gcis/core/ports';
import type { CardCertificate, Signer } from '@gcis/core/smartcard';
import { failure, retCodes } from './hipkiCodes.js';
import { makeSignature } from './makeSignature.js';
import { identifyCaller, isLoopbackHost, type Caller } from './originPolicy.js';
import { pkcs11Info } from './pkcs11Info.js';
import { popupFormPage } from './popupFormPage.js';
import { chooseServerCertificate } from './chooseServerCertificate.js';

export type LocalServerOptions = {
  /** The card, over any PKCS#11 module. */
  signer: Signer;
  /** 61161 as the HiPKI component; 0 picks a free port. */
  port?: number;
  /** Page origins allowed to use the server, e.g. https://gcis.nat.gov.tw. */
  allowedOrigins: readonly string[];
  clock: Clock;
  /** One entry per request: who asked for what and the outcome — never the PIN or the data. */
  log: (entry: Record<string, unknown>) => void;
};

export type RunningLocalServer = { url: string; port: number; close(): Promise<void> };

/** Larger bodies are refused: a tbsPackage is a challenge or a hash, not a document. */
const maxBodyBytes = 1024 * 1024;
const funcByPath: Record<string, string> = { '/sign': 'MakeSignature', '/pkcs11info': 'pkcs11info', '/getUserCert': 'GetUserCert', '/checkEnvir': 'CheckEnvir' };

/**
 * A HiPKI-compatible local sign server on 127.0.0.1 (README "The local sign server"): POST
 * /sign, /pkcs11info, /getUserCert, /checkEnvir and GET /popupForm. Like the real component it
 * sends no CORS headers, so no other page can read a reply; an origin allow-list decides which
 * pages may have the card sign at all (forbidden: ret_code 0x7600000F), and every signature
 * needs the PIN in its request.
 */
export async function startLocalServer({ signer, port = 61161, allowedOrigins, clock, log }: LocalServerOptions): Promise<RunningLocalServer> {
  const allowed = new Set(allowedOrigins);
  let boundPort = port;

  const reply = (response: ServerResponse, body: unknown, status = 200) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));

  const api = async (request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams) => {
    const func = funcByPath[path]!;
    const form = await readForm(request);
    if (!form) return reply(response, failure(func, retCodes.parameterError), 413);
    const caller = identifyCaller(request, boundPort, allowed, form.get('openerOrigin') ?? undefined);
    const entry = { at: clock.now().toISOString(), caller: describe(caller), func };
    if (caller.kind === 'forbidden') {
      log({ ...entry, ret_code: retCodes.forbiddenOrigin });
      return reply(response, failure(func, retCodes.forbiddenOrigin));
    }
    let tbsPackage: Record<string, unknown> = {};
    const raw = form.get('tbsPackage');
    if (raw !== null) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        tbsPackage = parsed as Record<string, unknown>;
      } catch {
        log({ ...entry, ret_code: retCodes.parameterError });
        return reply(response, failure(func, retCodes.parameterError));
      }
    }
    const { body, certificate } = await run(func, tbsPackage, query);
    log({ ...entry, ...(certificate && { certificate: describeCertificate(certificate) }), ret_code: body.ret_code });
    return reply(response, body);
  };

  const run = async (func: string, tbsPackage: Record<string, unknown>, query: URLSearchParams): Promise<{ body: Record<string, unknown>; certificate?: CardCertificate }> => {
    if (func === 'MakeSignature') {
      const { reply: body, certificate } = await makeSignature(tbsPackage, signer, clock);
      return { body, ...(certificate && { certificate }) };
    }
    if (func === 'pkcs11info') return { body: await pkcs11Info(signer, query.get('withcert') === 'true' || tbsPackage.withcert === true) };
    if (func === 'CheckEnvir') return { body: { func, ret_code: 0, last_error: 0, server: 'gcis local-server' } };
    const certificate = await chooseServerCertificate(signer, tbsPackage.slotDescription).catch(() => undefined);
    if (!certificate) return { body: failure(func, retCodes.noCard) };
    return { body: { func, ret_code: 0, last_error: 0, certb64: Buffer.from(certificate.certificate).toString('base64') }, certificate };
  };

  const popupForm = (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request.headers.host, boundPort)) {
      return response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden host\n');
    }
    const nonce = randomBytes(16).toString('base64');
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      })
      .end(popupFormPage(nonce));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/popupForm' && request.method === 'GET') return popupForm(request, response);
    if (url.pathname in funcByPath && request.method === 'POST') return api(request, response, url.pathname, url.searchParams);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply(response, failure('error', retCodes.moduleError));
      else response.end();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const describe = (caller: Caller) =>
  caller.kind === 'local' ? 'local program' : caller.kind === 'page' ? `${caller.origin}${caller.viaPopup ? ' (popupForm)' : ''}` : `${caller.origin} (refused: ${caller.why})`;

const describeCertificate = (certificate: CardCertificate) => `${certificate.subject} (card ${certificate.tokenSerial})`;
