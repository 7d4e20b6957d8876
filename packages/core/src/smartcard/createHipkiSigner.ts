import { GcisError } from '../errors.js';
import { cryptoRandom, type Random } from '../ports.js';
import { describeCertificate } from './lib/describeCertificate.js';
import { readHipkiReply, type HipkiInfoReply, type HipkiSignReply, type HipkiToken } from './lib/hipkiReply.js';
import { assertPinFormat, moicaPinLength, pinStatusFromFlags } from './lib/pin.js';
import type { CardCertificate, PinLength, Signer } from './types.js';

export type HipkiSignerOptions = {
  /** The MOICA "cross-platform web component" (HiPKI LocalSignServer); plain HTTP on the loopback. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  random?: Random;
  /** PIN lengths accepted before the card sees the PIN; defaults to MOICA's 6–8 digits. */
  pinLength?: PinLength;
};

/**
 * A Signer that asks the HiPKI local server to sign (DESIGN.md "Certificate login"): the card
 * stays under HiCOS, which hashes with SHA-256 and returns a PKCS#1 v1.5 signature. RSA cards
 * only, as HiPKI's PKCS1 signature type is RSA. Unreachable server → ERR_NO_CARD.
 */
export function createHipkiSigner({
  baseUrl = 'http://127.0.0.1:61161',
  fetch = globalThis.fetch,
  random = cryptoRandom,
  pinLength = moicaPinLength,
}: HipkiSignerOptions = {}): Signer {
  const post = async <T>(path: string, form?: Record<string, string>): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), form ? { method: 'POST', body: new URLSearchParams(form) } : { method: 'POST' });
    } catch (cause) {
      throw new GcisError('ERR_NO_CARD', `The HiPKI local server is not running at ${baseUrl} (start the HiCOS card tool)`, { cause });
    }
    // Never echo the request: it carries the PIN.
    if (!response.ok) throw new GcisError('ERR_HIPKI', `The HiPKI local server answered HTTP ${response.status} on ${path}`);
    return readHipkiReply<T>(await response.text());
  };

  return {
    async listCertificates() {
      const { slots = [] } = await post<HipkiInfoReply>('/pkcs11info?withcert=true');
      const cards = slots.flatMap((slot, index) => (isToken(slot.token) ? [{ slot, index, token: slot.token }] : []));
      if (cards.length === 0) throw new GcisError('ERR_NO_CARD', 'No card found: insert the card into the reader');
      const found = cards.flatMap(({ slot, index, token }) =>
        (token.certs ?? []).flatMap((entry): CardCertificate[] => {
          const certificate = new Uint8Array(Buffer.from(entry.certb64 ?? '', 'base64'));
          const described = describeCertificate(certificate);
          if (!described) return [];
          return [
            {
              slotId: String(index),
              reader: slot.slotDescription ?? '',
              tokenLabel: token.label ?? '',
              tokenSerial: token.serialNumber ?? '',
              keyId: '',
              label: entry.label ?? '',
              certificate,
              ...described,
              pinStatus: pinStatusFromFlags(token.flags ?? 0),
            },
          ];
        }),
      );
      if (found.length === 0) throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'The card holds no certificate this toolkit can use');
      return found;
    },

    async sign({ certificate, data, pin }) {
      assertPinFormat(pin, pinLength);
      const tbsPackage = JSON.stringify({
        tbs: Buffer.from(data).toString('base64'),
        tbsEncoding: 'base64',
        hashAlgorithm: 'SHA256',
        withCardSN: 'true',
        pin,
        nonce: Buffer.from(random.bytes(16)).toString('hex').toUpperCase(),
        func: 'MakeSignature',
        signatureType: 'PKCS1',
        slotDescription: certificate.reader,
      });
      const reply = await post<HipkiSignReply>('/sign', { tbsPackage });
      // HiPKI picks the card's signing key itself: make sure it is the certificate asked for.
      if (reply.certb64 && !Buffer.from(reply.certb64, 'base64').equals(Buffer.from(certificate.certificate))) {
        throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'The card signed with a different certificate than the one chosen');
      }
      if (!reply.signature) throw new GcisError('ERR_HIPKI', 'The HiPKI local server returned no signature');
      return new Uint8Array(Buffer.from(reply.signature, 'base64'));
    },

    async close() {
      // Nothing held: every call is one HTTP request.
    },
  };
}

const isToken = (token: HipkiToken | string | null | undefined): token is HipkiToken => typeof token === 'object' && token !== null;
