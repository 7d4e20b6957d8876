import { readFileSync, statSync } from 'node:fs';
import { GcisError } from '@gcis/core/errors';
import type { Messages } from '../i18n/en.js';

/**
 * A secret from a file given by `flag` (e.g. `--pin-file`), minus one trailing newline. The file
 * must be readable by its owner only (mode 0600 or 0400): a secret others can read is one they know.
 */
export function readSecretFile(flag: string, file: string, t: Messages): string {
  let mode: number;
  let text: string;
  try {
    mode = statSync(file).mode;
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GcisError('ERR_USAGE', t.secretFile.unreadable(flag, file, (cause as Error).message), { cause });
  }
  // Windows has no such mode bits.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new GcisError('ERR_USAGE', t.secretFile.open(flag, file, octal));
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new GcisError('ERR_USAGE', t.secretFile.empty(flag, file));
  return secret;
}
