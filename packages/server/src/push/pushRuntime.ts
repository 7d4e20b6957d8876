import { setTimeout as delay } from 'node:timers/promises';
import { GcisError } from '@gcis/core';
import { describeNetworkFailure, proxyFromEnv, type ProxyEnv } from '@gcis/core/client';
import { decodeServiceKey } from '@gcis/core/push';
import { fetch } from 'undici';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';
import { productionCertificates } from '../trust/productionTrust.js';
import { readCertificateFile } from '../trust/readCertificateFile.js';
import type { PushConfig } from './pushConfig.js';

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

/**
 * What push login needs beyond the store: where the service is, the trust anchors for phone
 * certificates, the transport, and per-transaction coordination of long polls in this process.
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
  /** Monotonic milliseconds: long-poll deadlines and poll pacing are real time, whatever the clock says. */
  monotonicMs(): number;
  /** Resolves after `ms`, or earlier when `wake(id)` is called for that transaction. */
  sleep(id: string, ms: number): Promise<void>;
  wake(id: string): void;
  /** When each transaction may be polled at the service next (monotonic ms): the interval, or a backoff after failures. */
  nextPollAt: Map<string, number>;
  /** Transient failures in a row per transaction (unreachable, 5xx, not JSON), for the backoff. */
  failures: Map<string, number>;
  /** The poll in flight for each transaction: concurrent long polls share it. */
  polling: Map<string, Promise<unknown>>;
};

export function createPushRuntime(
  config: PushConfig,
  {
    env = process.env,
    transport = createFetchTransport(),
    log = silent,
    pinnedProduction = productionCertificates.map((c) => c.sha256),
  }: { env?: NodeJS.ProcessEnv; transport?: PushTransport; log?: PushLogger; pinnedProduction?: readonly string[] } = {},
): PushRuntime {
  const keyText = env.GCIS_SERVER_FIDO_KEY || config.key;
  const configuredKey = keyText ? readKey(keyText) : undefined;
  const configuredAnchors = config.trustAnchors.map(readAnchor);
  let emulator: EmbeddedEmulator | undefined;
  let emulatorAnchor: ParsedCert | undefined;
  const wakers = new Map<string, Set<() => void>>();
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
    async sleep(id, ms) {
      if (ms <= 0) return;
      const controller = new AbortController();
      const wake = () => controller.abort();
      const set = wakers.get(id) ?? new Set();
      wakers.set(id, set.add(wake));
      try {
        await delay(ms, undefined, { signal: controller.signal });
      } catch {
        // woken early
      } finally {
        set.delete(wake);
        if (set.size === 0) wakers.delete(id);
      }
    },
    wake(id) {
      for (const wake of wakers.get(id) ?? []) wake();
    },
    nextPollAt: new Map(),
    failures: new Map(),
    polling: new Map(),
  };
  return runtime;
}

const silent: PushLogger = { info: () => undefined, warn: () => undefined };

/**
 * POST with undici's fetch through the proxy HTTPS_PROXY / HTTP_PROXY name (unless NO_PROXY lists
 * the host), `timeoutMs` for the whole exchange (10 s). The service answers
 * protocol errors with HTTP 200 and an error_code, so a 4xx with a JSON body is an answer to read;
 * a 5xx or a body that is not JSON comes from something in between and is ERR_PUSH_SERVICE.
 */
export function createFetchTransport({ timeoutMs = 10_000, env = process.env }: { timeoutMs?: number; env?: ProxyEnv } = {}): PushTransport {
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
