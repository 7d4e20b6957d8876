import { setTimeout as delay } from 'node:timers/promises';
import { GcisError } from '@gcis/core';
import { decodeServiceKey } from '@gcis/core/push';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';
import { readCertificateFile } from '../../trust/readCertificateFile.js';
import type { PushConfig } from './pushConfig.js';

/** Posts a JSON body to the service and resolves to the parsed answer; throws ERR_PUSH_SERVICE when unreachable. */
export type PushTransport = (url: string, body: unknown) => Promise<unknown>;

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
  useEmulator(emulator: EmbeddedEmulator): void;
  transport: PushTransport;
  /** Monotonic milliseconds: long-poll deadlines and poll pacing are real time, whatever the clock says. */
  monotonicMs(): number;
  /** Resolves after `ms`, or earlier when `wake(id)` is called for that transaction. */
  sleep(id: string, ms: number): Promise<void>;
  wake(id: string): void;
  /** When each transaction was last polled at the service (monotonic ms). */
  lastPolledAt: Map<string, number>;
  /** The poll in flight for each transaction: concurrent long polls share it. */
  polling: Map<string, Promise<unknown>>;
};

export function createPushRuntime(
  config: PushConfig,
  { env = process.env, transport = fetchTransport }: { env?: NodeJS.ProcessEnv; transport?: PushTransport } = {},
): PushRuntime {
  const keyText = env.GCIS_SERVER_FIDO_KEY || config.key;
  const configuredKey = keyText ? readKey(keyText) : undefined;
  const configuredAnchors = config.trustAnchors.map(readAnchor);
  let emulator: EmbeddedEmulator | undefined;
  let emulatorAnchor: ParsedCert | undefined;
  const wakers = new Map<string, Set<() => void>>();
  return {
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
    useEmulator(embedded) {
      emulator = embedded;
      emulatorAnchor = parseCertificate(embedded.caCertificate);
    },
    transport,
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
    lastPolledAt: new Map(),
    polling: new Map(),
  };
}

/** POST with global fetch (undici), 10 s timeout; any HTTP status with a JSON body is an answer to read. */
export const fetchTransport: PushTransport = async (url, body) => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (cause) {
    throw new GcisError('ERR_PUSH_SERVICE', `Cannot reach the mobile certificate service at ${new URL(url).origin}.`, { cause });
  }
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { http_status: response.status };
  }
};

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
