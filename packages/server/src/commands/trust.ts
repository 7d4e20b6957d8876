import { readFileSync } from 'node:fs';
import { GcisError } from '@gcis/core';
import { announceChange } from '../changes/announceChange.js';
import { shareFiles } from '../changes/shareFiles.js';
import { dataPaths, isDataFolder, type DataOptions } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { fetchBytes, type FetchBytes } from '../trust/fetchBytes.js';
import { installProductionTrust, productionCrlUrls, type PinnedCertificate } from '../trust/productionTrust.js';
import { certificateDer } from '../trust/readCertificateFile.js';
import { addTrustCertificate, readTrustFolder, type TrustedCertificate } from '../trust/trustFolder.js';
import { messagesFor, type Messages } from '../i18n/messages.js';

/** `trust add FILE`: a self-signed CA becomes a trust anchor, any other CA an intermediate. */
export async function trustAdd(file: string, { data, database }: DataOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const paths = openedPaths(data, err);
  const der = certificateDer(readInput(file, err), file);
  const added = addTrustCertificate(paths.trust, der);
  // Shared even when this folder had it already: running the command again is how an
  // instance that missed it (the database was unreachable) gets it.
  await announceChange({ data, database }, io.env, io.stderr, out, (files) => shareFiles(files, paths, 'trust', [added.file], new Date().toISOString()));
  io.stderr.write(`${out.trustAdded(added.added, describe(added, out))}\n`);
}

export function trustList({ data, json }: DataOptions & { json?: boolean }, io: ServerIo): void {
  const { err, out } = messagesFor(io.env);
  const entries = readTrustFolder(openedPaths(data, err).trust).map(({ role, certificate: c }) => ({
    role,
    subject: c.subject,
    issuer: c.issuer,
    notAfter: c.notAfter.toISOString(),
    sha256: c.thumbprintSha256,
  }));
  if (json) io.stdout.write(`${JSON.stringify(entries)}\n`);
  else for (const e of entries) io.stdout.write(`${[e.role, e.subject, out.until(e.notAfter.slice(0, 10)), e.sha256].join('\t')}\n`);
}

/** `trust install-production [--from DIR]`: GRCA G2/G3 and MOICA G2/G3, accepted only by their pinned SHA-256. */
export async function trustInstallProduction(
  { data, database, from }: DataOptions & { from?: string },
  io: ServerIo,
  { fetch = fetchBytes, pinned }: { fetch?: FetchBytes; pinned?: readonly PinnedCertificate[] } = {},
): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const paths = openedPaths(data, err);
  const installed = await installProductionTrust(paths.trust, { from, fetch, ...(pinned && { pinned }) });
  const written = installed.map((entry) => entry.file);
  await announceChange({ data, database }, io.env, io.stderr, out, (files) => shareFiles(files, paths, 'trust', written, new Date().toISOString()));
  for (const entry of installed) io.stderr.write(`${out.trustInstalled(entry.added, entry.name, describe(entry, out))}\n`);
  io.stderr.write(`${out.addCrls}\n${productionCrlUrls.map((url) => `  gcis-server crl add ${url}\n`).join('')}`);
  io.stderr.write(`${out.pushTrust}\n`);
}

/** The data folder's paths, after checking it is one (see isDataFolder). */
export function openedPaths(data: string, err: Messages['err']) {
  const paths = dataPaths(data);
  if (!isDataFolder(paths)) {
    throw new GcisError('ERR_DATA_DIR', err.notDataDir(paths.root, data));
  }
  return paths;
}

export function readInput(file: string, err: Messages['err']): Uint8Array {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new GcisError('ERR_USAGE', err.unreadable(file), { cause });
  }
}

const describe = ({ role, certificate }: TrustedCertificate, out: Messages['out']) =>
  out.trustWhat(role, certificate.subject, certificate.notAfter.toISOString().slice(0, 10), certificate.thumbprintSha256);
