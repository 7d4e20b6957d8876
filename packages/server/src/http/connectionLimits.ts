import { GcisError } from '@gcis/core';

/**
 * How long a client may take and how many sockets one address may hold. Node's own defaults
 * (no request or idle limit) let a few thousand trickling clients hold a server open for ever.
 */
export type ConnectionLimits = {
  /** The whole request, headers and body, must arrive within this (Node `server.requestTimeout`); else 408 and close. */
  requestTimeoutSeconds: number;
  /** The headers must arrive within this (Node `server.headersTimeout`); at most `requestTimeoutSeconds`. */
  headersTimeoutSeconds: number;
  /** A kept-alive connection is closed after this long without a new request. */
  keepAliveTimeoutSeconds: number;
  /** A socket with no traffic at all is closed after this (Node `server.timeout`); above push login's 25 s long poll. */
  idleTimeoutSeconds: number;
  /** Open connections from one source address; more are closed as soon as they are accepted. */
  maxPerAddress: number;
};

export const defaultConnectionLimits: ConnectionLimits = {
  requestTimeoutSeconds: 25,
  headersTimeoutSeconds: 10,
  keepAliveTimeoutSeconds: 5,
  idleTimeoutSeconds: 60,
  maxPerAddress: 128,
};

/** The longest a push long poll (`?wait=`) keeps a connection quiet. */
const longPollSeconds = 25;

/** Refuses unknown keys, wrong types and out-of-range values in the `connections` section. */
export function checkConnectionLimits(limits: ConnectionLimits, source: string): void {
  const bad = (message: string) => new GcisError('ERR_DATA_DIR', `${source}: connections.${message}`);
  const ranges: Record<keyof ConnectionLimits, [number, number]> = {
    requestTimeoutSeconds: [1, 3600],
    headersTimeoutSeconds: [1, limits.requestTimeoutSeconds],
    keepAliveTimeoutSeconds: [1, 600],
    idleTimeoutSeconds: [longPollSeconds + 5, 3600],
    maxPerAddress: [1, 100_000],
  };
  for (const [key, value] of Object.entries(limits)) {
    const range = ranges[key as keyof ConnectionLimits];
    if (!range) throw bad(`${key} is not a setting.`);
    if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw bad(`${key} must be a whole number from ${range[0]} to ${range[1]}.`);
    }
  }
}

/** The Fastify and Node http options that carry these limits. */
export function serverTimeoutOptions(limits: ConnectionLimits) {
  const ms = (seconds: number) => seconds * 1000;
  return {
    requestTimeout: ms(limits.requestTimeoutSeconds),
    connectionTimeout: ms(limits.idleTimeoutSeconds),
    keepAliveTimeout: ms(limits.keepAliveTimeoutSeconds),
    http: {
      requestTimeout: ms(limits.requestTimeoutSeconds),
      headersTimeout: ms(limits.headersTimeoutSeconds),
      // Node checks the two limits above only this often (30 s by default): check every second.
      connectionsCheckingInterval: 1000,
    },
  };
}
