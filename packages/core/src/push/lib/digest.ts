import { createHash } from 'node:crypto';
import type { FieldValue } from './checksumFields.js';

/** Lowercase hex SHA-256 of the fields concatenated, absent ones as ''. This text is what gets encrypted. */
export function checksumDigest(fields: readonly FieldValue[]): string {
  const text = fields.map((value) => (value === undefined || value === null ? '' : String(value))).join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
