import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GcisError } from '@gcis/core';
import { certificateDer } from './readCertificateFile.js';
import { addTrustCertificate, type TrustedCertificate } from './trustFolder.js';
import type { FetchBytes } from './fetchBytes.js';

/**
 * Production trust for citizen certificates: GRCA G2/G3 roots and the MOICA G2/G3 CAs they
 * issued, from the authorities' repositories. The SHA-256 of each DER is pinned here (the
 * fingerprints several public projects pin independently), so a file from anywhere else — a
 * mirror, a proxy, a folder — is installed only if it is exactly that certificate.
 */
export const productionCertificates = [
  { name: 'GRCA G2', url: 'https://grca.nat.gov.tw/repository/Certs/GRCA2.cer', sha256: '70b922bfda0e3f4a342e4ee22d579ae598d071cc5ec9c30f123680340388aea5' },
  { name: 'GRCA G3', url: 'https://grca.nat.gov.tw/repository/Certs/GRCAG3.crt', sha256: '57df6f20e04c588e85f35be8832f5d4e78958336ae3b18fb7c9bae0dfead4044' },
  { name: 'MOICA G2', url: 'https://moica.nat.gov.tw/repository/Certs/MOICA2.cer', sha256: 'c4c462de463f856804dc898338d2cecb55fba74155851599d8fb7d70218fd1be' },
  { name: 'MOICA G3', url: 'https://moica.nat.gov.tw/repository/Certs/MOICA-G3.cer', sha256: 'ed793fd0d50a2a398049d598982cf01e75f873b532066caec238f800a06ca9da' },
] as const;

/** MOICA's complete CRLs, for `gcis-server crl add URL` once the CAs are installed. */
export const productionCrlUrls = [
  'https://moica.nat.gov.tw/repository/MOICA/CRL2/complete.crl',
  'https://crl-moica.moi.gov.tw/crl/MOICA-G3-complete.crl',
] as const;

export type PinnedCertificate = { name: string; url: string; sha256: string };

/**
 * Installs every pinned certificate into trust/ — all or none. With `from`, the files come from
 * that folder (any names: each file is matched by its fingerprint); otherwise from the pinned URLs.
 */
export async function installProductionTrust(
  trustDir: string,
  { from, fetch, pinned = productionCertificates }: { from?: string; fetch: FetchBytes; pinned?: readonly PinnedCertificate[] },
): Promise<Array<TrustedCertificate & { name: string; added: boolean }>> {
  const found = new Map<string, Uint8Array>();
  const candidates = from ? readFolder(from) : await Promise.all(pinned.map(async (p) => ({ source: p.url, bytes: await fetch(p.url) })));
  for (const { source, bytes } of candidates) {
    let der: Uint8Array;
    try {
      der = certificateDer(bytes, source);
    } catch {
      continue; // not a certificate: a README or the like in the folder
    }
    found.set(createHash('sha256').update(der).digest('hex'), der);
  }
  const missing = pinned.filter((p) => !found.has(p.sha256));
  if (missing.length > 0) {
    const where = from ? `in ${from}` : 'at the official URLs';
    throw new GcisError(
      'ERR_CERT_UNTRUSTED',
      `No file ${where} matches the pinned SHA-256 of ${missing.map((p) => `${p.name} (${p.sha256})`).join(', ')}; nothing was installed.`,
    );
  }
  // Roots first, so a listing reads top-down; addTrustCertificate sorts anchors from intermediates itself.
  return pinned.map((p) => ({ name: p.name, ...addTrustCertificate(trustDir, found.get(p.sha256)!) }));
}

function readFolder(dir: string): Array<{ source: string; bytes: Uint8Array }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    throw new GcisError('ERR_USAGE', `Cannot read the folder ${dir}.`, { cause });
  }
  return names
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile() && statSync(file).size < 1_000_000)
    .map((file) => ({ source: file, bytes: readFileSync(file) }));
}
