import { loadCrl, type LoadedCrl, type ParsedCert } from '@gcis/core/x509';
import { crlFileName, requireCrlIssuer, saveCrlSource, writeCrl } from './crlFolder.js';
import { readTrustFolder } from './trustFolder.js';

export type AddedCrl = { file: string; crl: LoadedCrl; issuer: ParsedCert };

/**
 * Files a CRL (DER) under crl/ for the trusted CA that signed it, replacing that CA's previous
 * one; with `url`, records it as the CRL's download source for the running server's refresh.
 */
export async function addCrl(paths: { trust: string; crl: string }, der: Uint8Array, { url, source }: { url?: string; source: string }): Promise<AddedCrl> {
  const crl = loadCrl(der);
  const cas = readTrustFolder(paths.trust).map((t) => t.certificate);
  const issuer = requireCrlIssuer(crl, cas, source);
  const name = crlFileName(issuer);
  const file = await writeCrl(paths.crl, name, der);
  if (url) await saveCrlSource(paths.crl, { url, file: name });
  return { file, crl, issuer };
}
