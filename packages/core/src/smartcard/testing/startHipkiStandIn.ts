import { sign, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HipkiStandInOptions = {
  certificateDer: Uint8Array;
  /** RSA key of the certificate; signs PKCS#1 v1.5 over SHA-256 as the card would. */
  privateKey: KeyObject;
  pin: string;
  cardSerial: string;
  readerName?: string;
  tokenLabel?: string;
};

export type HipkiStandIn = {
  baseUrl: string;
  /** Each request's path and, for /sign, the parsed tbsPackage (PIN included: it is a test double). */
  requests: Array<{ path: string; tbsPackage?: Record<string, unknown> }>;
  removeCard(): void;
  close(): Promise<void>;
};

// ret_code / last_error values of the real component (see lib/hipkiErrors.ts for the source).
const NO_CARD = 0x76000006;
const LOGIN_FAILED = 0x76100006;
const PARAMETER_ERROR = 0x7600000c;
const CKR_PIN_LOCKED = 0xa4;
/** HiCOS "wrong PIN, n tries left", printed as a signed 32-bit int as the component does. */
const triesLeftCode = (tries: number) => (0x80000000 + tries) | 0;

/**
 * A stand-in for the HiPKI LocalSignServer on 127.0.0.1 (random port): one card in one reader,
 * a MOICA-like PIN counter (3 tries, then locked), and the reply shapes of the real component.
 */
export async function startHipkiStandIn(options: HipkiStandInOptions): Promise<HipkiStandIn> {
  const { certificateDer, privateKey, pin, cardSerial, readerName = 'Stand-in Reader 00', tokenLabel = 'HiCOS' } = options;
  const requests: HipkiStandIn['requests'] = [];
  let inserted = true;
  let triesLeft = 3;
  const certb64 = Buffer.from(certificateDer).toString('base64');
  const { subject, serialNumber } = new X509Certificate(certificateDer);

  const info = () => ({
    ret_code: 0,
    last_error: 0,
    slots: [
      {
        slotDescription: readerName,
        token: inserted
          ? {
              label: tokenLabel,
              serialNumber: cardSerial,
              flags: (triesLeft < 3 ? 0x10000 : 0) | (triesLeft === 1 ? 0x20000 : 0) | (triesLeft === 0 ? 0x40000 : 0),
              certs: [{ label: 'cert1', certb64, usage: 'digitalSignature', subjectDN: subject.replace(/\n/g, ','), sn: serialNumber }],
            }
          : null,
      },
    ],
  });

  const signReply = (tbsPackage: Record<string, unknown>) => {
    const failure = (ret_code: number, last_error = 0) => ({ func: 'sign', ret_code, last_error });
    if (!inserted) return failure(NO_CARD);
    const { tbs, tbsEncoding, hashAlgorithm, func, signatureType } = tbsPackage;
    const wellFormed = func === 'MakeSignature' && signatureType === 'PKCS1' && hashAlgorithm === 'SHA256' && tbsEncoding === 'base64';
    if (!wellFormed || typeof tbs !== 'string') return failure(PARAMETER_ERROR);
    if (triesLeft === 0) return failure(LOGIN_FAILED, CKR_PIN_LOCKED);
    if (tbsPackage.pin !== pin) {
      triesLeft -= 1;
      return failure(LOGIN_FAILED, triesLeft === 0 ? CKR_PIN_LOCKED : triesLeftCode(triesLeft));
    }
    triesLeft = 3;
    const signature = sign('sha256', Buffer.from(tbs, 'base64'), privateKey).toString('base64');
    return { func: 'sign', ret_code: 0, last_error: 0, signature, cardSN: cardSerial, certb64 };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const reply = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/pkcs11info') {
      requests.push({ path });
      return reply(info());
    }
    if (path === '/sign' && request.method === 'POST') {
      const raw = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('tbsPackage') ?? '{}';
      const tbsPackage = JSON.parse(raw) as Record<string, unknown>;
      requests.push({ path, tbsPackage });
      return reply(signReply(tbsPackage));
    }
    response.writeHead(404).end();
  };

  const server = createServer((request, response) => void handle(request, response).catch(() => response.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    removeCard: () => {
      inserted = false;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
