import { GcisError } from '../errors.js';

/**
 * The DER blocks of a file that holds DER or PEM (RFC 7468): every `-----BEGIN <label>-----`
 * block in order, or the bytes themselves when they are binary DER (a SEQUENCE). Certificates,
 * CRLs and CMS files come either way. Throws ERR_INVALID_INPUT for anything else.
 */
export function decodePem(bytes: Uint8Array, label: string, source = 'the file'): Uint8Array[] {
  if (bytes[0] === 0x30) return [bytes];
  const text = Buffer.from(bytes).toString('latin1');
  const blocks = [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`, 'g'))];
  if (blocks.length === 0) throw new GcisError('ERR_INVALID_INPUT', `${source} is neither DER nor PEM ${label}.`);
  return blocks.map((block) => new Uint8Array(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64')));
}

/** PEM text (RFC 7468 §2): base64 in lines of 64 characters. */
export function encodePem(der: Uint8Array, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
