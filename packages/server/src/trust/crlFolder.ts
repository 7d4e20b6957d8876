import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GcisError } from '@gcis/core';
import type { LoadedCrl, ParsedCert } from '@gcis/core/x509';
import { withFileLock } from './lockFile.js';
import { writeFileAtomic } from './trustFolder.js';

/**
 * The data folder's `crl/`: one `<issuing CA's SHA-256, 16 hex>.crl` (DER) per CA — MOICA G2 and
 * G3 share a name, so the file is keyed by the CA certificate, not its name — and
 * `sources.json`, the URLs the server downloads them from again before nextUpdate.
 */
export type CrlSource = { url: string; file: string };

const sourcesFile = (dir: string) => join(dir, 'sources.json');

/** The trusted CA whose name and key match the CRL's issuer and signature, if any. */
export function findCrlIssuer(crl: LoadedCrl, cas: readonly ParsedCert[]): ParsedCert | undefined {
  return cas.find((ca) => Buffer.compare(ca.subjectDer, crl.issuerDer) === 0 && crl.verifySignature(ca.spkiDer).status === 'valid');
}

/**
 * Refuses a CRL no trusted CA signed: it could never count, and a typo'd URL should fail at `crl
 * add`. Refuses delta and scoped CRLs (issuingDistributionPoint) too: the folder keeps one CRL per
 * CA, so one of those would replace that CA's complete list and leave its certificates uncovered.
 */
export function requireCrlIssuer(crl: LoadedCrl, cas: readonly ParsedCert[], source: string): ParsedCert {
  if (crl.unusableReason) throw new GcisError('ERR_CRL_INVALID', `${source}: ${crl.unusableReason}.`);
  if (crl.deltaBaseCrlNumber !== undefined || crl.issuingDistributionPoint) {
    const kind = crl.deltaBaseCrlNumber !== undefined ? 'a delta CRL' : 'a CRL scoped by an issuing distribution point';
    throw new GcisError('ERR_CRL_INVALID', `${source} is ${kind}; the server keeps one complete CRL per CA — add the complete CRL.`);
  }
  const issuer = findCrlIssuer(crl, cas);
  if (!issuer) {
    throw new GcisError('ERR_CRL_INVALID', `${source}: no trusted CA signed this CRL (issuer "${crl.issuer}"); add the CA first with "gcis-server trust add".`);
  }
  return issuer;
}

export const crlFileName = (issuer: ParsedCert) => `${issuer.thumbprintSha256.slice(0, 16)}.crl`;

/** Writes a CRL (20 MB for MOICA G2) without blocking: temp file, then rename over the old one. */
export async function writeCrl(dir: string, name: string, der: Uint8Array): Promise<string> {
  const file = join(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(temporary, der, { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

export function listCrlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.crl')).sort();
}

export function readCrlSources(dir: string): CrlSource[] {
  const file = sourcesFile(dir);
  return existsSync(file) ? parseCrlSources(readFileSync(file), file) : [];
}

/** The sources in a sources.json (from the folder or the store); `where` names it in the error. */
export function parseCrlSources(bytes: Uint8Array, where: string): CrlSource[] {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { sources?: CrlSource[] };
    return (parsed.sources ?? []).filter((s) => typeof s.url === 'string' && typeof s.file === 'string');
  } catch (cause) {
    throw new GcisError('ERR_DATA_DIR', `${where} is not valid JSON.`, { cause });
  }
}

/** sources.json with `source` recorded: it replaces an entry for the same URL or the same CRL file. */
export function withCrlSource(sources: readonly CrlSource[], source: CrlSource): Buffer {
  const kept = sources.filter((s) => s.url !== source.url && s.file !== source.file);
  return Buffer.from(`${JSON.stringify({ sources: [...kept, source] }, null, 2)}\n`);
}

/**
 * Records (or replaces) the source of one CRL file: read, change and write sources.json under its
 * lock, so two `crl add` at once both keep their URL. `update` makes the new file from the
 * folder's sources (default: adds `source` to them); crl add shares it through the store with it.
 */
export async function saveCrlSource(
  dir: string,
  source: CrlSource,
  update: (local: CrlSource[]) => Promise<Buffer> = async (local) => withCrlSource(local, source),
): Promise<Buffer> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return withFileLock(sourcesFile(dir), async () => {
    const bytes = await update(readCrlSources(dir));
    writeFileAtomic(sourcesFile(dir), bytes);
    return bytes;
  });
}
