import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GcisError, type Clock } from '@gcis/core';
import { loadCrl, loadCrlAsync, type LoadedCrl, type ParsedCert } from '@gcis/core/x509';
import { crlFileName, listCrlFiles, readCrlSources, requireCrlIssuer, writeCrl, type CrlSource } from './crlFolder.js';
import { crlDueAt, retryDelayMs } from './crlSchedule.js';
import { fetchBytes as defaultFetch, type FetchBytes } from './fetchBytes.js';
import { readTrustFolder } from './trustFolder.js';

/** What certificate login verifies against at one moment; replaced whole, never changed in place. */
export type TrustSnapshot = { anchors: ParsedCert[]; intermediates: ParsedCert[]; crls: LoadedCrl[] };

export type TrustLogger = { info(message: string): void; warn(message: string): void };

export type CertificateTrust = {
  /** The trust in force; the first call reads the folders synchronously (commands, tests). */
  current(): TrustSnapshot;
  /** Re-reads trust/ and crl/ if a file was added, removed or replaced; CRLs are parsed in slices. One reload runs at a time. */
  reload(): Promise<void>;
  /** reload, then downloads each URL CRL that is due; a failure is logged and the old CRL kept. */
  refresh(): Promise<void>;
  /** refresh now and then every `intervalSeconds` (default 60; timer unref'd) until stop, logging to `log`. */
  start(options?: { intervalSeconds?: number; log?: TrustLogger }): void;
  stop(): Promise<void>;
};

type CrlFile = { name: string; file: string; version: string };

/**
 * The server's trust anchors, intermediates and CRLs from the data folder, kept in memory and
 * swapped whole. Large CRLs are loaded once and indexed (loadCrl); a refresh downloads with
 * undici and parses with loadCrlAsync, a few milliseconds at a time, so logins keep being
 * answered while MOICA's 400 000-entry list is read (see bench/cert-login-verify.mjs).
 */
export function openCertificateTrust(
  paths: { trust: string; crl: string },
  { clock, fetch = defaultFetch, log: initialLog = silent }: { clock: Clock; fetch?: FetchBytes; log?: TrustLogger },
): CertificateTrust {
  let snapshot: TrustSnapshot | undefined;
  let loadedVersion = '';
  const crlCache = new Map<string, { version: string; crl: LoadedCrl }>();
  const failures = new Map<string, { count: number; retryAt: number }>();
  let inflight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let log = initialLog;

  const crlFiles = (): CrlFile[] =>
    listCrlFiles(paths.crl).map((name) => {
      const file = join(paths.crl, name);
      const { size, mtimeMs } = statSync(file);
      return { name, file, version: `${size}:${mtimeMs}` };
    });
  const folderVersion = (files: CrlFile[]) =>
    [...['anchors', 'intermediates'].flatMap((sub) => listing(join(paths.trust, sub))), ...files.map((f) => `${f.name}=${f.version}`)].join('|');

  const assemble = (files: CrlFile[], crls: Array<LoadedCrl | undefined>): TrustSnapshot => {
    const trusted = readTrustFolder(paths.trust);
    for (const name of crlCache.keys()) if (!files.some((f) => f.name === name)) crlCache.delete(name);
    return {
      anchors: trusted.filter((t) => t.role === 'anchor').map((t) => t.certificate),
      intermediates: trusted.filter((t) => t.role === 'intermediate').map((t) => t.certificate),
      crls: crls.filter((crl): crl is LoadedCrl => crl !== undefined),
    };
  };
  const remember = (file: CrlFile, crl: LoadedCrl): LoadedCrl => {
    crlCache.set(file.name, { version: file.version, crl });
    return crl;
  };
  const skip = (file: CrlFile, error: unknown): undefined => {
    log.warn(`Ignoring ${file.file}: ${(error as Error).message}`);
    return undefined;
  };
  const cached = (file: CrlFile) => {
    const hit = crlCache.get(file.name);
    return hit?.version === file.version ? hit.crl : undefined;
  };

  const current = (): TrustSnapshot => {
    if (snapshot) return snapshot;
    const files = crlFiles();
    loadedVersion = folderVersion(files);
    const load = (file: CrlFile) => {
      try {
        return remember(file, loadCrl(readFileSync(file.file)));
      } catch (error) {
        return skip(file, error);
      }
    };
    snapshot = assemble(files, files.map((file) => cached(file) ?? load(file)));
    return snapshot;
  };

  const reloadNow = async (): Promise<void> => {
    const files = crlFiles();
    const version = folderVersion(files);
    if (snapshot && version === loadedVersion) return;
    const crls: Array<LoadedCrl | undefined> = [];
    for (const file of files) {
      let crl = cached(file);
      if (!crl) {
        try {
          crl = remember(file, await loadCrlAsync(await readFile(file.file)));
        } catch (error) {
          crl = skip(file, error);
        }
      }
      crls.push(crl);
    }
    snapshot = assemble(files, crls);
    loadedVersion = version;
  };
  // One at a time: the periodic refresh and an administrator's change may ask at once, and an
  // older reload finishing last would put back the older snapshot.
  let reloading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => (reloading = reloading.then(reloadNow, reloadNow));

  /** Downloads one source if due; the new CRL must come from the same trusted CA and be newer. */
  const refreshSource = async (source: CrlSource): Promise<void> => {
    const now = clock.now().getTime();
    const held = crlCache.get(source.file)?.crl;
    if (held && now < crlDueAt(held).getTime()) return;
    if ((failures.get(source.url)?.retryAt ?? 0) > now) return;
    try {
      const der = await fetch(source.url);
      const crl = await loadCrlAsync(der);
      const { anchors, intermediates } = current();
      const issuer = requireCrlIssuer(crl, [...anchors, ...intermediates], source.url);
      if (crlFileName(issuer) !== source.file) throw new GcisError('ERR_CRL_INVALID', `${source.url} now serves the CRL of another CA ("${issuer.subject}").`);
      if (held && crl.thisUpdate.getTime() <= held.thisUpdate.getTime()) {
        throw new GcisError('ERR_CRL_STALE', `${source.url} has no newer CRL yet (thisUpdate ${crl.thisUpdate.toISOString()}).`);
      }
      await writeCrl(paths.crl, source.file, der);
      const file = crlFiles().find((f) => f.name === source.file);
      if (file) remember(file, crl);
      await reload();
      failures.delete(source.url);
      log.info(`CRL ${source.file} refreshed from ${source.url}: ${crl.size} entries, next update ${crl.nextUpdate?.toISOString() ?? 'none'}.`);
    } catch (error) {
      const count = (failures.get(source.url)?.count ?? 0) + 1;
      failures.set(source.url, { count, retryAt: now + retryDelayMs(count) });
      log.warn(`CRL refresh from ${source.url} failed (attempt ${count}): ${(error as Error).message}`);
    }
  };

  const refresh = (): Promise<void> => {
    inflight ??= (async () => {
      try {
        await reload();
        for (const source of readCrlSources(paths.crl)) await refreshSource(source);
      } catch (error) {
        log.warn(`Reloading the trust folders failed: ${(error as Error).message}`);
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    current,
    reload,
    refresh,
    start({ intervalSeconds = 60, log: logger } = {}) {
      if (logger) log = logger;
      void refresh();
      timer = setInterval(() => void refresh(), intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await inflight;
    },
  };
}

const silent: TrustLogger = { info: () => undefined, warn: () => undefined };

function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((name) => `${name}=${statSync(join(dir, name)).mtimeMs}`);
}
