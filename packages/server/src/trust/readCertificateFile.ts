import { readFileSync } from 'node:fs';
import { decodePem, parseCertificate, type ParsedCert } from '@gcis/core/x509';

/** A certificate file's DER: binary DER as is, or the first PEM `CERTIFICATE` block (as .cer files come either way). */
export function certificateDer(bytes: Uint8Array, source: string): Uint8Array {
  return decodePem(bytes, 'CERTIFICATE', source)[0]!;
}

/** A parsed certificate from a DER or PEM file. Throws as readFileSync or parseCertificate do. */
export function readCertificateFile(file: string): ParsedCert {
  return parseCertificate(certificateDer(readFileSync(file), file));
}
