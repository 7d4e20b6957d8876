import { existsSync, readFileSync } from 'node:fs';
import { GcisError } from '@gcis/core';
import { announceChange } from '../changes/announceChange.js';
import { dataPaths } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { fetchBytes, type FetchBytes } from '../trust/fetchBytes.js';
import { installProductionTrust, productionCrlUrls, type PinnedCertificate } from '../trust/productionTrust.js';
import { certificateDer } from '../trust/readCertificateFile.js';
import { addTrustCertificate, readTrustFolder, type TrustedCertificate } from '../trust/trustFolder.js';

/** `trust add FILE`: a self-signed CA becomes a trust anchor, any other CA an intermediate. */
export function trustAdd(file: string, { data }: { data: string }, io: ServerIo): void {
  const paths = openedPaths(data);
  const der = certificateDer(readInput(file), file);
  const added = addTrustCertificate(paths.trust, der);
  if (added.added) announceChange(paths.database, io.stderr);
  io.stderr.write(`${added.added ? 'Added' : 'Already trusted:'} ${describe(added)}\n`);
}

export function trustList({ data, json }: { data: string; json?: boolean }, io: ServerIo): void {
  const entries = readTrustFolder(openedPaths(data).trust).map(({ role, certificate: c }) => ({
    role,
    subject: c.subject,
    issuer: c.issuer,
    notAfter: c.notAfter.toISOString(),
    sha256: c.thumbprintSha256,
  }));
  if (json) io.stdout.write(`${JSON.stringify(entries)}\n`);
  else for (const e of entries) io.stdout.write(`${e.role}\t${e.subject}\tuntil ${e.notAfter.slice(0, 10)}\t${e.sha256}\n`);
}

/** `trust install-production [--from DIR]`: GRCA G2/G3 and MOICA G2/G3, accepted only by their pinned SHA-256. */
export async function trustInstallProduction(
  { data, from }: { data: string; from?: string },
  io: ServerIo,
  { fetch = fetchBytes, pinned }: { fetch?: FetchBytes; pinned?: readonly PinnedCertificate[] } = {},
): Promise<void> {
  const paths = openedPaths(data);
  const installed = await installProductionTrust(paths.trust, { from, fetch, ...(pinned && { pinned }) });
  if (installed.some((entry) => entry.added)) announceChange(paths.database, io.stderr);
  for (const entry of installed) io.stderr.write(`${entry.added ? 'Installed' : 'Already trusted:'} ${entry.name}: ${describe(entry)}\n`);
  io.stderr.write(`Now add MOICA's CRLs (the server refreshes them before nextUpdate):\n${productionCrlUrls.map((url) => `  gcis-server crl add ${url}\n`).join('')}`);
  io.stderr.write('Push login (行動自然人憑證) also accepts phone certificates under these CAs while push.productionTrust is on (the default).\n');
}

/** The data folder's paths, after checking it is one (the database is what `init` creates). */
export function openedPaths(data: string) {
  const paths = dataPaths(data);
  if (!existsSync(paths.database)) {
    throw new GcisError('ERR_DATA_DIR', `${paths.root} is not a gcis data folder: run "gcis-server init --data ${data}" first.`);
  }
  return paths;
}

export function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new GcisError('ERR_USAGE', `Cannot read ${file}.`, { cause });
  }
}

const describe = ({ role, certificate }: TrustedCertificate) =>
  `${role} "${certificate.subject}" (until ${certificate.notAfter.toISOString().slice(0, 10)}, SHA-256 ${certificate.thumbprintSha256})`;
