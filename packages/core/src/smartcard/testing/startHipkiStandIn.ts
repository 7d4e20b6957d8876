import { sign, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildLoginSignature } from '../buildLoginSignature.js';
import { createKeySigner } from './createKeySigner.js';

export type HipkiStandInOptions = {
  certificateDer: Uint8Array;
  /** RSA key of the certificate; signs PKCS#1 v1.5 over SHA-256 as the card would. */
  privateKey: KeyObject;
  pin: string;
  cardSerial: string;
  readerName?: string;
  tokenLabel?: string;
  /** Page origins the component serves (the `Origin` header); others get ret_code 0x7600000F. Unset: any, even none. */
  allowedOrigins?: readonly string[];
};

export type HipkiStandInRequest = {
  path: string;
  /** The Origin header, if one was sent. */
  origin: string | undefined;
  /** For /sign, the parsed tbsPackage (PIN included: it is a test double). */
  tbsPackage?: Record<string, unknown>;
  /** For /sign, the bytes the stand-in signed, as it read `tbs` by `tbsEncoding`. */
  signed?: Uint8Array;
};

export type HipkiStandIn = {
  baseUrl: string;
  requests: HipkiStandInRequest[];
  removeCard(): void;
  close(): Promise<void>;
};

// ret_code / last_error values of the real component (see lib/hipkiErrors.ts for the source).
const NO_CARD = 0x76000006;
const LOGIN_FAILED = 0x76100006;
const PARAMETER_ERROR = 0x7600000c;
const FORBIDDEN_ORIGIN = 0x7600000f;
const CKR_PIN_LOCKED = 0xa4;
/** HiCOS "wrong PIN, n tries left", printed as a signed 32-bit int as the component does. */
const triesLeftCode = (tries: number) => (0x80000000 + tries) | 0;

/**
 * A stand-in for the HiPKI LocalSignServer on 127.0.0.1 (random port): one card in one reader,
 * a MOICA-like PIN counter (3 tries, then locked), and the reply shapes of the real component —
 * no token flags in the listing, PIN tries only in `last_error`. `/sign` takes `tbsEncoding` NONE
 * (text, signed as UTF-8) or base64, `signatureType` PKCS1 (bare signature) or PKCS7 (CMS with
 * signingTime, the nonce — hex-decoded — and the card serial), and records what it read.
 */
export async function startHipkiStandIn(options: HipkiStandInOptions): Promise<HipkiStandIn> {
  const { certificateDer, privateKey, pin, cardSerial, readerName = 'Stand-in Reader 00', tokenLabel = 'HiCOS', allowedOrigins } = options;
  const requests: HipkiStandIn['requests'] = [];
  let inserted = true;
  let triesLeft = 3;
  const certb64 = Buffer.from(certificateDer).toString('base64');
  const { subject, serialNumber } = new X509Certificate(certificateDer);
  const keySigner = createKeySigner({ der: certificateDer, privateKey }, { pin, tokenSerial: cardSerial });

  const info = () => ({
    ret_code: 0,
    last_error: 0,
    slots: [
      {
        slotDescription: readerName,
        token: inserted
          ? { label: tokenLabel, serialNumber: cardSerial, certs: [{ label: 'cert1', certb64, usage: 'digitalSignature', subjectDN: subject.replace(/\n/g, ','), sn: serialNumber }] }
          : null,
      },
    ],
  });

  const tbsBytes = (tbs: unknown, encoding: unknown): Buffer | undefined => {
    if (typeof tbs !== 'string') return undefined;
    if (encoding === 'NONE') return Buffer.from(tbs, 'utf8');
    return encoding === 'base64' && /^[A-Za-z0-9+/]*={0,2}$/.test(tbs) ? Buffer.from(tbs, 'base64') : undefined;
  };

  const signReply = async (tbsPackage: Record<string, unknown>, record: HipkiStandInRequest) => {
    const failure = (ret_code: number, last_error = 0) => ({ func: 'sign', ret_code, last_error });
    if (!inserted) return failure(NO_CARD);
    const { tbs, tbsEncoding, hashAlgorithm, func, signatureType, nonce } = tbsPackage;
    const data = tbsBytes(tbs, tbsEncoding);
    const wellFormed = func === 'MakeSignature' && (signatureType === 'PKCS1' || signatureType === 'PKCS7') && hashAlgorithm === 'SHA256';
    if (!wellFormed || !data) return failure(PARAMETER_ERROR);
    if (triesLeft === 0) return failure(LOGIN_FAILED, CKR_PIN_LOCKED);
    if (tbsPackage.pin !== pin) {
      triesLeft -= 1;
      return failure(LOGIN_FAILED, triesLeft === 0 ? CKR_PIN_LOCKED : triesLeftCode(triesLeft));
    }
    triesLeft = 3;
    record.signed = new Uint8Array(data);
    const signature =
      signatureType === 'PKCS1'
        ? sign('sha256', data, privateKey)
        : await buildLoginSignature({
            signer: keySigner,
            certificate: keySigner.certificate,
            pin,
            content: new Uint8Array(data),
            nonce: new Uint8Array(typeof nonce === 'string' && /^([0-9A-Fa-f]{2}){4,}$/.test(nonce) ? Buffer.from(nonce, 'hex') : Buffer.from(String(nonce ?? '0000'))),
            signingTime: new Date(),
            cardSerial,
          });
    return { func: 'sign', ret_code: 0, last_error: 0, signature: Buffer.from(signature).toString('base64'), cardSN: cardSerial, certb64 };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const origin = request.headers.origin;
    const reply = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const record: HipkiStandInRequest = { path, origin };
    if (path === '/pkcs11info' || path === '/sign') requests.push(record);
    if ((path === '/pkcs11info' || path === '/sign') && allowedOrigins && !allowedOrigins.includes(origin ?? '')) {
      return reply({ ret_code: FORBIDDEN_ORIGIN, last_error: FORBIDDEN_ORIGIN });
    }
    if (path === '/pkcs11info') return reply(info());
    if (path === '/sign' && request.method === 'POST') {
      const raw = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('tbsPackage') ?? '{}';
      record.tbsPackage = JSON.parse(raw) as Record<string, unknown>;
      return reply(await signReply(record.tbsPackage, record));
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
