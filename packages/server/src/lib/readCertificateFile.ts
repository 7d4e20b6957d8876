import { readFileSync } from 'node:fs';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';

/** A certificate from a file, PEM (the first certificate in it) or DER. Throws as parseCertificate or readFileSync do. */
export function readCertificateFile(file: string): ParsedCert {
  const bytes = readFileSync(file);
  const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  return parseCertificate(new Uint8Array(pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes));
}
