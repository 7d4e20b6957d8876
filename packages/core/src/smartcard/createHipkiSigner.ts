import { GcisError } from '../errors.js';
import { cryptoRandom, type Random } from '../ports.js';
import { describeCertificate } from './lib/describeCertificate.js';
import { readHipkiReply, type HipkiInfoReply, type HipkiSignReply, type HipkiToken } from './lib/hipkiReply.js';
import { hipkiTbs, type HipkiTbsEncoding } from './lib/hipkiTbs.js';
import { assertPinFormat, moicaPinLength } from './lib/pin.js';
import type { CardCertificate, PinLength, PinStatus, SignRequest, Signer } from './types.js';

export type HipkiSignerOptions = {
  /** The MOICA "cross-platform web component" (HiPKI LocalSignServer); plain HTTP on the loopback. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  random?: Random;
  /** PIN lengths accepted before the card sees the PIN; defaults to MOICA's 6–8 digits. */
  pinLength?: PinLength;
  /** How `tbs` is sent: `NONE` (UTF-8 text, as the public samples do; the default) or `base64`. */
  tbsEncoding?: HipkiTbsEncoding;
  /** An `Origin` header on every request: the component refuses pages it does not allow (0x7600000F). Unset: none is sent. */
  origin?: string;
};

/** `PKCS1`: the bare signature; `PKCS7`: CMS SignedData made by the component (signingTime, nonce, card serial). */
export type HipkiSignatureType = 'PKCS1' | 'PKCS7';

export type HipkiSignRequest = SignRequest & {
  signatureType: HipkiSignatureType;
  /** The tbsPackage nonce; random hex when absent. For PKCS7 it ends up in the nonce attribute. */
  nonce?: string;
};

/** The component's answer: `signature` is PKCS#1 bytes or CMS DER, as asked. */
export type HipkiSignature = { signatureType: HipkiSignatureType; signature: Uint8Array; cardSerial: string | undefined };

/** A Signer whose card stays under HiCOS, able to ask the component for either signature type. */
export type HipkiSigner = Signer & { makeSignature(request: HipkiSignRequest): Promise<HipkiSignature> };

/** The component says nothing about PIN tries in its listing (no token.flags in any public reply): only a failed sign tells. */
const unknownPinStatus: PinStatus = { countLow: false, finalTry: false, locked: false };

/**
 * A Signer that asks the HiPKI local server to sign (docs/real-services.md): the card
 * stays under HiCOS, which hashes with SHA-256. `sign` is PKCS1 (RSA cards only, as HiPKI's PKCS1
 * is RSA); `makeSignature` also gets PKCS7. PIN tries come from `last_error` of a failed sign only.
 * Unreachable server → ERR_NO_CARD; a page origin it refuses → ERR_HIPKI_ORIGIN.
 */
export function createHipkiSigner({
  baseUrl = 'http://127.0.0.1:61161',
  fetch = globalThis.fetch,
  random = cryptoRandom,
  pinLength = moicaPinLength,
  tbsEncoding = 'NONE',
  origin,
}: HipkiSignerOptions = {}): HipkiSigner {
  const headers: Record<string, string> = origin ? { origin } : {};
  const post = async <T>(path: string, form?: Record<string, string>): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), { method: 'POST', headers, ...(form && { body: new URLSearchParams(form) }) });
    } catch (cause) {
      throw new GcisError('ERR_NO_CARD', `The HiPKI local server is not running at ${baseUrl} (start the HiCOS card tool)`, { cause });
    }
    // Never echo the request: it carries the PIN.
    if (!response.ok) throw new GcisError('ERR_HIPKI', `The HiPKI local server answered HTTP ${response.status} on ${path}`);
    return readHipkiReply<T>(await response.text());
  };

  const makeSignature = async ({ certificate, data, pin, signatureType, nonce }: HipkiSignRequest): Promise<HipkiSignature> => {
    const tbs = hipkiTbs(data, tbsEncoding); // before the PIN leaves: misuse costs no try
    assertPinFormat(pin, pinLength);
    const tbsPackage = JSON.stringify({
      tbs,
      tbsEncoding,
      hashAlgorithm: 'SHA256',
      withCardSN: 'true',
      pin,
      nonce: nonce ?? Buffer.from(random.bytes(16)).toString('hex').toUpperCase(),
      func: 'MakeSignature',
      signatureType,
      slotDescription: certificate.reader,
    });
    const reply = await post<HipkiSignReply>('/sign', { tbsPackage });
    // HiPKI picks the card's signing key itself: make sure it is the certificate asked for.
    if (reply.certb64 && !Buffer.from(reply.certb64, 'base64').equals(Buffer.from(certificate.certificate))) {
      throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'The card signed with a different certificate than the one chosen');
    }
    if (!reply.signature) throw new GcisError('ERR_HIPKI', 'The HiPKI local server returned no signature');
    return { signatureType, signature: new Uint8Array(Buffer.from(reply.signature, 'base64')), cardSerial: reply.cardSN || undefined };
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
              pinStatus: unknownPinStatus,
            },
          ];
        }),
      );
      if (found.length === 0) throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'The card holds no certificate this toolkit can use');
      return found;
    },

    async sign(request) {
      return (await makeSignature({ ...request, signatureType: 'PKCS1' })).signature;
    },

    makeSignature,

    async close() {
      // Nothing held: every call is one HTTP request.
    },
  };
}

const isToken = (token: HipkiToken | string | null | undefined): token is HipkiToken => typeof token === 'object' && token !== null;
