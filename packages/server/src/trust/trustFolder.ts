import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GcisError } from '@gcis/core';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';

/**
 * The data folder's `trust/`: `anchors/<sha256>.der` (self-signed roots the server trusts) and
 * `intermediates/<sha256>.der` (CA certificates a path may go through). Files are named by
 * their SHA-256, so adding the same certificate twice changes nothing.
 */
export type TrustRole = 'anchor' | 'intermediate';
export type TrustedCertificate = { role: TrustRole; file: string; certificate: ParsedCert };

const folders: Record<TrustRole, string> = { anchor: 'anchors', intermediate: 'intermediates' };

/** Checks a CA certificate and files it as an anchor (self-signed) or an intermediate (anything else). */
export function addTrustCertificate(dir: string, der: Uint8Array): TrustedCertificate & { added: boolean } {
  const certificate = parseCertificate(der);
  if (!certificate.basicConstraints?.cA) {
    throw new GcisError('ERR_INVALID_INPUT', `"${certificate.subject}" is not a CA certificate (basicConstraints cA); only CAs go into trust/.`);
  }
  const role: TrustRole = isSelfSigned(der) ? 'anchor' : 'intermediate';
  const folder = join(dir, folders[role]);
  const file = join(folder, `${certificate.thumbprintSha256}.der`);
  const added = !existsSync(file);
  if (added) writeFileAtomic(file, certificate.der);
  return { role, file, certificate, added };
}

/** Every certificate in trust/, anchors first; an unreadable file is an error, not silently skipped. */
export function readTrustFolder(dir: string): TrustedCertificate[] {
  return (['anchor', 'intermediate'] as const).flatMap((role) => {
    const folder = join(dir, folders[role]);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => name.endsWith('.der'))
      .sort()
      .map((name) => {
        const file = join(folder, name);
        try {
          return { role, file, certificate: parseCertificate(readFileSync(file)) };
        } catch (cause) {
          throw new GcisError('ERR_DATA_DIR', `${file} is not a DER certificate.`, { cause });
        }
      });
  });
}

/** Writes next to the target and renames over it, so a reader never sees half a file; owner-only, as the whole data folder. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes, { mode: 0o600 });
  renameSync(temporary, file);
}

function isSelfSigned(der: Uint8Array): boolean {
  const x509 = new X509Certificate(der);
  return x509.checkIssued(x509) && x509.verify(x509.publicKey);
}
