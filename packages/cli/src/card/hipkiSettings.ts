import { GcisError } from '@gcis/core/errors';
import type { Env } from '../io/env.js';
import type { CardOptions } from './cardOptions.js';

/** How gcis talks to the HiPKI local server: see docs/real-services.md for why each default is what it is. */
export type HipkiSettings = {
  baseUrl: string | undefined;
  /** The `Origin` header; unset: none is sent. */
  origin: string | undefined;
  tbsEncoding: 'NONE' | 'base64';
  /** PKCS1: the server verifies the bare signature over the login content; PKCS7: the component's CMS. */
  signatureType: 'PKCS1' | 'PKCS7';
};

/**
 * The HiPKI flags, else their GCIS_HIPKI_* variables, else the defaults: PKCS1 with tbsEncoding
 * NONE (what every public sample page sends), no Origin. Malformed values are ERR_USAGE.
 */
export function hipkiSettings(options: Pick<CardOptions, 'hipkiOrigin' | 'hipkiSignature' | 'hipkiTbsEncoding'>, env: Env): HipkiSettings {
  const signature = (options.hipkiSignature ?? env.GCIS_HIPKI_SIGNATURE ?? 'pkcs1').toLowerCase();
  const encoding = (options.hipkiTbsEncoding ?? env.GCIS_HIPKI_TBS_ENCODING ?? 'none').toLowerCase();
  if (signature !== 'pkcs1' && signature !== 'pkcs7') throw new GcisError('ERR_USAGE', `--hipki-signature must be pkcs1 or pkcs7, not "${signature}"`);
  if (encoding !== 'none' && encoding !== 'base64') throw new GcisError('ERR_USAGE', `--hipki-tbs-encoding must be none or base64, not "${encoding}"`);
  const originText = options.hipkiOrigin ?? env.GCIS_HIPKI_ORIGIN;
  return {
    baseUrl: env.GCIS_HIPKI_URL || undefined,
    origin: originText ? originOf(originText) : undefined,
    tbsEncoding: encoding === 'none' ? 'NONE' : 'base64',
    signatureType: signature === 'pkcs1' ? 'PKCS1' : 'PKCS7',
  };
}

/** An Origin header value is scheme://host[:port] and nothing else. */
function originOf(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin === 'null') {
    throw new GcisError('ERR_USAGE', `--hipki-origin must be an http(s) origin such as https://www.example.gov.tw, not "${text}"`);
  }
  return url.origin;
}
