import { readFileSync } from 'node:fs';
import { GcisError } from '@gcis/core';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';

/** A certificate file's DER: binary DER as is, or the first PEM `CERTIFICATE` block (as .cer files come either way). */
export function certificateDer(bytes: Uint8Array, source: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(text);
  if (pem) return new Uint8Array(Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64'));
  if (bytes[0] !== 0x30) throw new GcisError('ERR_INVALID_INPUT', `${source} is neither a DER nor a PEM certificate.`);
  return bytes;
}

/** A parsed certificate from a DER or PEM file. Throws as readFileSync or parseCertificate do. */
export function readCertificateFile(file: string): ParsedCert {
  return parseCertificate(certificateDer(readFileSync(file), file));
}
