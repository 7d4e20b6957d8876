import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { GcisError } from '@gcis/core';
import { describeNetworkFailure, proxyFromEnv, type ProxyEnv } from '@gcis/core/client';
import { decodeServiceKey } from '@gcis/core/push';
import { fetch } from 'undici';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';
import { productionCertificates } from '../trust/productionTrust.js';
import { readCertificateFile } from '../trust/readCertificateFile.js';
import type { PushConfig } from './pushConfig.js';

/** How long the fetch transport waits for the service by default. */
const defaultTimeoutMs = 10_000;

/**
 * Posts a JSON body to the service and resolves to its JSON answer. Throws ERR_PUSH_SERVICE when
 * there is no answer from the service itself: unreachable, timed out, HTTP 5xx, or a body that is
 * not JSON (a proxy's HTML error page) — what a poll retries.
 */
export type PushTransport = (url: string, body: unknown) => Promise<unknown>;

/** Where push login writes what an operator should see: retries, and answers that differ from the emulator's. */
export type PushLogger = { info(message: string): void; warn(message: string): void };

export type PushService = { baseUrl: string; serviceId: string; key: Uint8Array };

/** An emulator this server talks to and trusts: `start --fido-emulator`. */
export type EmbeddedEmulator = { baseUrl: () => string; caCertificate: Uint8Array; key: Uint8Array };

/** A long poll's hold on `wake` for one transaction (PushRuntime.watch). */
export type PushWatch = { sleep(ms: number): Promise<void>; close(): void };

/**
 * What push login needs beyond the store: where the service is, the trust anchors for phone
 * certificates, the transport, and this instance's side of the coordination of long polls (the
 * store holds the rest: the poll lease, the outcome, the session until claimed).
 */
export type PushRuntime = {
  /** The service to talk to; ERR_PUSH_NOT_CONFIGURED when there is none. */
  service(): PushService;
  /** The key from GCIS_SERVER_FIDO_KEY or push.key, if any. */
  configuredKey: Uint8Array | undefined;
  trustAnchors(): readonly ParsedCert[];
  /** SHA-256 of the production CAs (`trust install-production`) that phone certificates may chain to, with push.productionTrust. */
  pinnedProduction: ReadonlySet<string>;
  useEmulator(emulator: EmbeddedEmulator): void;
  transport: PushTransport;
  log: PushLogger;
  useLog(log: PushLogger): void;
  /** Monotonic milliseconds: long-poll deadlines and this instance's poll pacing are real time, whatever the clock says. */
  monotonicMs(): number;
  /**
   * Starts watching a transaction for `wake`: the watch's `sleep` ends early when the transaction
   * was woken since the watch began or its last sleep, so a wake between a read and the sleep
   * that follows is not lost. Close it when done.
   */
  watch(id: string): PushWatch;
  /** Wakes this instance's long polls of a transaction (store events call it for every instance's changes). */
  wake(id: string): void;
  /** This instance's name in poll leases (PushTransactionsRepo.leasePoll): unique per runtime. */
  holder: string;
  /**
   * How long a lease taken for a poll lasts: longer than a poll can take (the transport's time
   * limit) plus an interval, so no other instance polls while this one waits for an answer; it
   * is what another instance waits before taking over from an instance that died mid-poll.
   */
  pollLeaseMs: number;
  /**
   * The slow safety re-read of a waiting long poll. Waiters learn of an outcome from store events;
   * this bounds how late one learns of it when an event is lost (a reconnecting listener, or a
   * SQLite file shared by several processes, whose events stay in their own process).
   */
  rereadMs: number;
  /**
   * When this instance may next try to poll each transaction (monotonic ms). For the lease holder
   * it mirrors the lease's end (the next allowed poll, see pollLease.ts); for another instance, when to
   * ask for the lease again. Entries of long-gone transactions are pruned as new ones are set.
   */
  nextPollAt: Map<string, number>;
  /** Transient failures in a row per transaction polled by this instance (unreachable, 5xx, not JSON), for the backoff. */
  failures: Map<string, number>;
  /** The poll in flight for each transaction in this process: concurrent long polls here share it. */
  polling: Map<string, Promise<unknown>>;
};

export function createPushRuntime(
  config: PushConfig,
  {
    env = process.env,
    transport = createFetchTransport(),
    log = silent,
    pinnedProduction = productionCertificates.map((c) => c.sha256),
    holder = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`,
    pollLeaseMs = config.pollIntervalSeconds * 1000 + defaultTimeoutMs + 5_000,
    rereadMs = 3_000,
  }: {
    env?: NodeJS.ProcessEnv;
    transport?: PushTransport;
    log?: PushLogger;
    pinnedProduction?: readonly string[];
    holder?: string;
    pollLeaseMs?: number;
    rereadMs?: number;
  } = {},
): PushRuntime {
  const keyText = env.GCIS_SERVER_FIDO_KEY || config.key;
  const configuredKey = keyText ? readKey(keyText) : undefined;
  const configuredAnchors = config.trustAnchors.map(readAnchor);
  let emulator: EmbeddedEmulator | undefined;
  let emulatorAnchor: ParsedCert | undefined;
  const watchers = new Map<string, Set<Watcher>>();
  const runtime: PushRuntime = {
    configuredKey,
    service() {
      const baseUrl = config.baseUrl || emulator?.baseUrl();
      const key = configuredKey ?? emulator?.key;
      if (!baseUrl || !key) {
        throw new GcisError('ERR_PUSH_NOT_CONFIGURED', 'Push login is not set up on this server (push.baseUrl and the service key).');
      }
      return { baseUrl: baseUrl.replace(/\/+$/, ''), serviceId: config.serviceId, key };
    },
    trustAnchors: () => (emulatorAnchor ? [...configuredAnchors, emulatorAnchor] : configuredAnchors),
    pinnedProduction: new Set(pinnedProduction),
    useEmulator(embedded) {
      emulator = embedded;
      emulatorAnchor = parseCertificate(embedded.caCertificate);
    },
    transport,
    log,
    useLog(next) {
      runtime.log = next;
    },
    monotonicMs: () => performance.now(),
    watch(id) {
      const watcher: Watcher = { woken: false };
      const set = watchers.get(id) ?? new Set();
      watchers.set(id, set.add(watcher));
      return {
        async sleep(ms) {
          if (watcher.woken || ms <= 0) {
            watcher.woken = false;
            return;
          }
          watcher.abort = new AbortController();
          try {
            await delay(ms, undefined, { signal: watcher.abort.signal });
          } catch {
            // woken early
          } finally {
            watcher.abort = undefined;
            watcher.woken = false;
          }
        },
        close() {
          set.delete(watcher);
          if (set.size === 0 && watchers.get(id) === set) watchers.delete(id);
        },
      };
    },
    wake(id) {
      for (const watcher of watchers.get(id) ?? []) {
        watcher.woken = true;
        watcher.abort?.abort();
      }
    },
    holder,
    pollLeaseMs,
    rereadMs,
    nextPollAt: new Map(),
    failures: new Map(),
    polling: new Map(),
  };
  return runtime;
}

type Watcher = { woken: boolean; abort?: AbortController };

const silent: PushLogger = { info: () => undefined, warn: () => undefined };

/**
 * POST with undici's fetch through the proxy HTTPS_PROXY / HTTP_PROXY name (unless NO_PROXY lists
 * the host), `timeoutMs` for the whole exchange (10 s). The service answers
 * protocol errors with HTTP 200 and an error_code, so a 4xx with a JSON body is an answer to read;
 * a 5xx or a body that is not JSON comes from something in between and is ERR_PUSH_SERVICE.
 */
export function createFetchTransport({ timeoutMs = defaultTimeoutMs, env = process.env }: { timeoutMs?: number; env?: ProxyEnv } = {}): PushTransport {
  const dispatcher = proxyFromEnv(env);
  return async (url, body) => {
    const unavailable = (why: string, cause?: unknown) =>
      new GcisError('ERR_PUSH_SERVICE', `The mobile certificate service at ${new URL(url).origin} ${why}.`, { cause });
    let response: Awaited<ReturnType<typeof fetch>>;
    let text: string;
    try {
      response = await fetch(url, {
        dispatcher,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      throw unavailable(timedOut ? `did not answer within ${timeoutMs} ms` : `cannot be reached: ${describeNetworkFailure(cause).reason}`, cause);
    }
    if (response.status >= 500) throw unavailable(`answered HTTP ${response.status}`);
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw unavailable(`answered HTTP ${response.status} ${response.headers.get('content-type') ?? 'without a content type'}, not JSON`, cause);
    }
  };
}

function readKey(text: string): Uint8Array {
  try {
    return decodeServiceKey(text);
  } catch (cause) {
    throw new GcisError('ERR_DATA_DIR', 'The TW FidO service key (GCIS_SERVER_FIDO_KEY or push.key) must be 32 bytes in base64.', { cause });
  }
}

function readAnchor(file: string): ParsedCert {
  try {
    return readCertificateFile(file);
  } catch (cause) {
    throw new GcisError('ERR_DATA_DIR', `push.trustAnchors: cannot read a certificate from ${file}.`, { cause });
  }
}
