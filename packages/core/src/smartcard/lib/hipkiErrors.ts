import { GcisError, type GcisErrorCode } from '../../errors.js';
import { pinError } from './pin.js';

/**
 * HiPKI local-server `ret_code` values we act on. Source: the MajorErrorReason tables in the
 * sample pages Chunghwa Telecom ships with the component (copied into many public sites), not
 * an official specification; codes not listed here become ERR_HIPKI with the code in hex.
 */
const byRetCode = new Map<number, [GcisErrorCode, string]>([
  [0x76000006, ['ERR_NO_CARD', 'No card in the reader']],
  [0x76100003, ['ERR_NO_CARD', 'No card reader found']],
  [0x76100001, ['ERR_PKCS11_MODULE', 'The HiPKI component cannot load the card library']],
  [0x76000998, ['ERR_PIN_FORMAT', 'No PIN was given']],
  [0x83000105, ['ERR_PIN_FORMAT', 'The PIN format is wrong']],
  [0x76000999, ['ERR_CANCELLED', 'Cancelled by the user']],
  [0xe0000012, ['ERR_CANCELLED', 'Cancelled by the user']],
  [0x76100008, ['ERR_CARD_CERT_NOT_FOUND', 'The card key cannot be read']],
  [0x76100009, ['ERR_CARD_CERT_NOT_FOUND', 'The card certificate cannot be read']],
  [0x7610000c, ['ERR_CARD_CERT_NOT_FOUND', 'The requested certificate is not on the card']],
  [0x7610000d, ['ERR_CARD_CERT_NOT_FOUND', 'The requested key is not on the card']],
]);

// `last_error` is the PKCS#11 CKR_* of the failed card call; HiCOS adds vendor-defined
// (CKR_VENDOR_DEFINED | n) codes for "wrong PIN, n tries left" (MinorErrorReason in the same pages).
const CKR_PIN_INCORRECT = 0xa0;
const CKR_PIN_INVALID = 0xa1;
const CKR_PIN_LEN_RANGE = 0xa2;
const CKR_PIN_LOCKED = 0xa4;
const HICOS_ONE_TRY_LEFT = 0x80000001;
const HICOS_TWO_TRIES_LEFT = 0x80000002;
/** "Forbidden page origin": the component only serves the web pages it allows (same sample pages' table). */
const FORBIDDEN_ORIGIN = 0x7600000f;

/**
 * The error for a HiPKI reply, or undefined when `ret_code` is 0. PIN tries are read from
 * `last_error` alone: no public reply of the component carries token flags. Both codes are read as 32-bit
 * unsigned: the component prints them signed on some platforms and sign-extended on others.
 */
export function hipkiError(retCode: bigint, lastError: bigint): GcisError | undefined {
  const ret = Number(BigInt.asUintN(32, retCode));
  const last = Number(BigInt.asUintN(32, lastError));
  if (ret === 0) return undefined;
  if (ret === FORBIDDEN_ORIGIN || last === FORBIDDEN_ORIGIN) {
    return new GcisError('ERR_HIPKI_ORIGIN', 'The HiPKI local server refuses requests from this page origin: set --hipki-origin (GCIS_HIPKI_ORIGIN) to an origin it allows');
  }
  const calm = { countLow: false, finalTry: false, locked: false };
  if (last === CKR_PIN_INCORRECT) return pinError('ERR_PIN_INCORRECT', calm);
  if (last === HICOS_TWO_TRIES_LEFT) return pinError('ERR_PIN_INCORRECT', { ...calm, countLow: true });
  if (last === HICOS_ONE_TRY_LEFT) return pinError('ERR_PIN_INCORRECT', { ...calm, countLow: true, finalTry: true });
  if (last === CKR_PIN_LOCKED) return pinError('ERR_PIN_LOCKED', { ...calm, locked: true });
  if (last === CKR_PIN_LEN_RANGE || last === CKR_PIN_INVALID) return new GcisError('ERR_PIN_FORMAT', 'The card refused the PIN format');
  const known = byRetCode.get(ret);
  const detail = `ret_code 0x${hex(ret)}${last ? `, last_error 0x${hex(last)}` : ''}`;
  if (known) return new GcisError(known[0], `${known[1]} (HiPKI ${detail})`);
  return new GcisError('ERR_HIPKI', `The HiPKI local server failed: ${detail}`);
}

const hex = (value: number) => value.toString(16).padStart(8, '0');
