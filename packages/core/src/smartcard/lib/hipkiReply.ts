import { GcisError } from '../../errors.js';
import { hipkiError } from './hipkiErrors.js';

/** `POST /pkcs11info?withcert=true` (fields as the HiPKI component and its sample pages use them). */
export type HipkiInfoReply = {
  slots?: Array<{
    slotDescription?: string;
    /** null or the string "unknown token" when the reader holds no readable card. */
    token?: HipkiToken | string | null;
  }>;
};
export type HipkiToken = {
  label?: string;
  serialNumber?: string;
  certs?: Array<{ label?: string; certb64?: string; usage?: string; subjectDN?: string; sn?: string }>;
};
/** `POST /sign` with signatureType PKCS1. */
export type HipkiSignReply = { signature?: string; cardSN?: string; certb64?: string };

/**
 * Parses a reply and throws its error. `ret_code` and `last_error` are read from the text as
 * integers: HiCOS may print 64-bit sign-extended values that a JSON number cannot hold exactly.
 */
export function readHipkiReply<T>(text: string): T {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch (cause) {
    throw new GcisError('ERR_HIPKI', 'The HiPKI local server sent a reply that is not JSON', { cause });
  }
  if (typeof reply !== 'object' || reply === null) throw new GcisError('ERR_HIPKI', 'The HiPKI local server sent an empty reply');
  const error = hipkiError(integerField(text, 'ret_code'), integerField(text, 'last_error'));
  if (error) throw error;
  return reply as T;
}

function integerField(text: string, name: string): bigint {
  const match = new RegExp(`"${name}"\\s*:\\s*"?(-?\\d+)`).exec(text);
  return match?.[1] ? BigInt(match[1]) : 0n;
}
