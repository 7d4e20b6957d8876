import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadCrl } from '@gcis/core/x509';
import { announceChange } from '../changes/announceChange.js';
import type { DataOptions } from '../dataDir.js';
import { shareCrlSource, shareFiles } from '../changes/shareFiles.js';
import type { ServerIo } from '../io.js';
import { addCrl } from '../trust/addCrl.js';
import { listCrlFiles, readCrlSources } from '../trust/crlFolder.js';
import { fetchBytes, type FetchBytes } from '../trust/fetchBytes.js';
import { openedPaths, readInput } from './trust.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * `crl add FILE|URL`: files the CRL for the trusted CA that signed it. A URL is downloaded now
 * (undici) and recorded, and the running server downloads it again before its nextUpdate.
 */
export async function crlAdd(fileOrUrl: string, { data, database }: DataOptions, io: ServerIo, { fetch = fetchBytes }: { fetch?: FetchBytes } = {}): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const paths = openedPaths(data, err);
  const url = /^https?:\/\//i.test(fileOrUrl) ? fileOrUrl : undefined;
  const der = url ? await fetch(url) : readInput(fileOrUrl, err);
  const { file, crl, issuer } = await addCrl(paths, der, { url, source: fileOrUrl });
  const at = new Date().toISOString();
  await announceChange({ data, database }, io.env, io.stderr, out, async (files) => {
    await shareFiles(files, paths, 'crl', [file], at);
    if (url) await shareCrlSource(files, paths.crl, { url, file: basename(file) }, at);
  });
  io.stderr.write(`${out.crlAdded(issuer.subject, crl.size, crl.nextUpdate?.toISOString() ?? out.none, file, url)}\n`);
}

export function crlList({ data, json }: DataOptions & { json?: boolean }, io: ServerIo): void {
  const { err, out } = messagesFor(io.env);
  const paths = openedPaths(data, err);
  const sources = readCrlSources(paths.crl);
  const entries = listCrlFiles(paths.crl).map((name) => {
    const crl = loadCrl(readFileSync(join(paths.crl, name)));
    return {
      file: name,
      issuer: crl.issuer,
      entries: crl.size,
      thisUpdate: crl.thisUpdate.toISOString(),
      nextUpdate: crl.nextUpdate?.toISOString() ?? null,
      url: sources.find((s) => s.file === name)?.url ?? null,
    };
  });
  if (json) io.stdout.write(`${JSON.stringify(entries)}\n`);
  else for (const e of entries) io.stdout.write(`${[e.file, e.issuer, ...out.crlRow(e.entries, e.nextUpdate ?? '-'), e.url ?? out.fromFile].join('\t')}\n`);
}
