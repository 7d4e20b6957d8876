import { malformed, tags, type Tlv } from './der.js';

/**
 * Decodes a Time (RFC 5280 §4.1.2.5): UTCTime `YYMMDDHHMMSSZ` (YY ≥ 50 is 19YY) or
 * GeneralizedTime `YYYYMMDDHHMMSSZ`. Seconds and `Z` are mandatory and fractions are not
 * allowed, so anything else is refused rather than guessed at.
 */
export function decodeTime(bytes: Uint8Array, tlv: Tlv): Date {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + tlv.contentStart, tlv.end - tlv.contentStart).toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (tlv.tag === tags.utcTime && (match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlv.tag === tags.generalizedTime && (match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    year = Number(match[1]);
  } else {
    throw malformed(`time value ${JSON.stringify(text)}`);
  }
  const [month, day, hour, minute, second] = match.slice(2).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 February over into March; a round trip catches such values.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw malformed(`time value ${JSON.stringify(text)}`);
  }
  if (year < 100) date.setUTCFullYear(year);
  return date;
}
