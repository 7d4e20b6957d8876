import { readFile } from 'node:fs/promises';
import { GcisError } from '@gcis/core/errors';

/** Every certificate (DER) in the files given — DER, or PEM with one or more CERTIFICATE blocks. */
export async function readCertificateFiles(files: readonly string[], label: 'CERTIFICATE' | 'X509 CRL' = 'CERTIFICATE'): Promise<Uint8Array[]> {
  const { decodePem } = await import('@gcis/core/x509');
  const found: Uint8Array[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (cause) {
      throw new GcisError('ERR_USAGE', `Cannot read ${file}: ${(cause as Error).message}`, { cause });
    }
    found.push(...decodePem(bytes, label, file));
  }
  return found;
}
