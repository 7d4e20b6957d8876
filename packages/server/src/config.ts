import { GcisError } from '@gcis/core';
import { sessionDefaults } from '@gcis/core/session';
import { checkHousekeepingConfig, defaultHousekeepingConfig, type HousekeepingConfig } from './housekeeping/housekeepingConfig.js';
import { checkConnectionLimits, defaultConnectionLimits, type ConnectionLimits } from './http/connectionLimits.js';
import { checkRateLimit, defaultRateLimit, defaultSessionRateLimit, type RateLimit } from './http/rateLimit/rateLimitConfig.js';
import { parseTrustProxy } from './http/trustProxy.js';
import { checkPushConfig, defaultPushConfig, type PushConfig } from './push/pushConfig.js';
import { checkDatabaseConfig, defaultDatabaseConfig, type DatabaseConfig } from './store/databaseConfig.js';

export type CaptchaPolicy = 'always' | 'on-risk' | 'off';

export type MailConfig = {
  /** `outbox` writes each message as an .eml file under the data folder; `smtp` sends it. */
  transport: 'outbox' | 'smtp';
  from: string;
  /** SMTP settings; the password comes from GCIS_SERVER_SMTP_PASSWORD, never from this file. */
  smtp: { host: string; port: number; secure: boolean; requireTLS: boolean; user: string };
};

export type ThrottleConfig = {
  /** Failures of one account and method from all sources together that lock its password logins (NIST SP 800-63B §5.2.2: at most 100). */
  accountLockAfterFailures: number;
  /** Counters are forgotten this long after their last failure or lock. */
  windowSeconds: number;
  /** Growing lock periods; the last one repeats, none is permanent. */
  lockSeconds: number[];
};

export type ServerConfig = {
  /** `test` allows GCIS_SERVER_TEST_CLOCK; a production server refuses to start with it set. */
  mode: 'production' | 'test';
  /** `always` reproduces the portal; `on-risk` asks after `captchaAfterFailures` failures. */
  captchaPolicy: CaptchaPolicy;
  /** Failed password logins of one account and method, from every source, after which a captcha is required. */
  captchaAfterFailures: number;
  /** Failed password logins of one account and method from one source address that lock that source out. */
  lockAfterFailures: number;
  /** Password-login locks and decay: see login/throttle/throttleCounter.ts. */
  throttle: ThrottleConfig;
  /** Requests per source address on every route but the session checks: see http/rateLimit/rateLimitConfig.ts. */
  rateLimit: RateLimit;
  /** Requests per session token on `GET`/`DELETE /v1/session`, instead of the per-address limit. */
  sessionRateLimit: RateLimit;
  /** `false`, or the reverse proxies whose X-Forwarded-For names the client: see http/trustProxy.ts. */
  trustProxy: false | string[];
  session: { absoluteSeconds: number; idleSeconds: number };
  /** How recent a login must be for sensitive changes such as a TOTP rebuild. */
  freshLoginSeconds: number;
  bodyLimitBytes: number;
  /** Request, header, keep-alive and idle timeouts; open connections per address: see http/connectionLimits.ts. */
  connections: ConnectionLimits;
  /** The periodic purge of dead rows: see housekeeping/housekeepingConfig.ts. */
  housekeeping: HousekeepingConfig;
  mail: MailConfig;
  /**
   * Certificate login: the public URL (origin) clients sign for, e.g. `https://gcis.example`;
   * empty means the URL `gcis-server start` prints.
   */
  origin: string;
  /** Certificate login: `require` refuses a certificate without a fresh, valid CRL (fail closed); `skip` does not check. */
  revocation: 'require' | 'skip';
  /**
   * Certificate login: policy OIDs (RFC 5280 §4.2.1.4) one of which the certificate path must be
   * valid for — the user-initial-policy-set with initial-explicit-policy (§6.1.1). Empty: no
   * requirement. MOICA's G2 and G3 CA certificates assert 2.16.886.101.0.3.3 (the GPKI
   * certificate policy they carry), so `["2.16.886.101.0.3.3"]` admits MOICA citizen
   * certificates issued under it.
   */
  certificatePolicies: string[];
  /** Push login (行動自然人憑證) through TW FidO or its emulator: see push/pushConfig.ts. */
  push: PushConfig;
  /** The folder's gcis.db, or a PostgreSQL database several instances share: see store/databaseConfig.ts. */
  database: DatabaseConfig;
};

export const defaultConfig: ServerConfig = {
  mode: 'production',
  captchaPolicy: 'on-risk',
  captchaAfterFailures: 3,
  lockAfterFailures: 10,
  throttle: { accountLockAfterFailures: 100, windowSeconds: 3600, lockSeconds: [60, 300, 900, 3600] },
  rateLimit: { ...defaultRateLimit },
  sessionRateLimit: { ...defaultSessionRateLimit },
  trustProxy: false,
  session: { ...sessionDefaults },
  freshLoginSeconds: 300,
  bodyLimitBytes: 64 * 1024,
  connections: { ...defaultConnectionLimits },
  housekeeping: { ...defaultHousekeepingConfig },
  mail: {
    transport: 'outbox',
    from: 'GCIS <no-reply@gcis.invalid>',
    smtp: { host: '127.0.0.1', port: 587, secure: false, requireTLS: false, user: '' },
  },
  origin: '',
  revocation: 'require',
  certificatePolicies: [],
  push: { ...defaultPushConfig },
  database: { ...defaultDatabaseConfig },
};

/** Merges a config file's values over the defaults, refusing unknown keys and wrong types. */
export function parseConfig(raw: unknown, source: string): ServerConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new GcisError('ERR_DATA_DIR', `${source}: the configuration must be a JSON object.`);
  }
  const config: ServerConfig = structuredClone(defaultConfig);
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in defaultConfig)) throw new GcisError('ERR_DATA_DIR', `${source}: unknown setting "${key}".`);
    if (key === 'certificatePolicies') {
      config.certificatePolicies = parseOidList(value, key, source);
      continue;
    }
    if (key === 'trustProxy') {
      config.trustProxy = parseTrustProxy(value, source);
      continue;
    }
    const fallback = defaultConfig[key as keyof ServerConfig];
    if (typeof value !== typeof fallback || Array.isArray(value)) {
      throw new GcisError('ERR_DATA_DIR', `${source}: "${key}" must be a ${typeof fallback}.`);
    }
    Object.assign(config, { [key]: typeof fallback === 'object' ? { ...fallback, ...value } : value });
  }
  if (!['always', 'on-risk', 'off'].includes(config.captchaPolicy)) {
    throw new GcisError('ERR_DATA_DIR', `${source}: captchaPolicy must be always, on-risk or off.`);
  }
  if (!['production', 'test'].includes(config.mode)) {
    throw new GcisError('ERR_DATA_DIR', `${source}: mode must be production or test.`);
  }
  if (!['outbox', 'smtp'].includes(config.mail.transport)) {
    throw new GcisError('ERR_DATA_DIR', `${source}: mail.transport must be outbox or smtp.`);
  }
  if (!['require', 'skip'].includes(config.revocation)) {
    throw new GcisError('ERR_DATA_DIR', `${source}: revocation must be require or skip.`);
  }
  checkThrottleConfig(config, source);
  checkRateLimit(config.rateLimit, 'rateLimit', source);
  checkRateLimit(config.sessionRateLimit, 'sessionRateLimit', source);
  checkSessionConfig(config.session, source);
  if (config.origin) config.origin = parseOrigin(config.origin, source);
  checkPushConfig(config.push, source);
  checkConnectionLimits(config.connections, source);
  checkHousekeepingConfig(config.housekeeping, source);
  checkDatabaseConfig(config.database, source);
  return config;
}

/** A list of dotted object identifiers, e.g. certificate policies. */
function parseOidList(value: unknown, key: string, source: string): string[] {
  const oid = /^[0-2](\.(0|[1-9]\d*))+$/;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && oid.test(item))) {
    throw new GcisError('ERR_DATA_DIR', `${source}: "${key}" must be a list of dotted OIDs, e.g. ["2.16.886.101.0.3.3"].`);
  }
  return [...new Set(value as string[])];
}

/** An origin as clients sign it: scheme, host and port of an http(s) URL, nothing else. */
export function parseOrigin(text: string, source: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new GcisError('ERR_DATA_DIR', `${source}: origin must be an http(s) URL without a path, e.g. https://gcis.example, not "${text}".`);
  }
  return url.origin;
}

/** Whole seconds, idle within absolute: a zero or negative limit would end every session at once or never. */
function checkSessionConfig(session: ServerConfig['session'], source: string): void {
  const unknown = Object.keys(session).find((key) => !(key in defaultConfig.session));
  if (unknown) throw new GcisError('ERR_DATA_DIR', `${source}: unknown setting "session.${unknown}".`);
  for (const [key, value] of Object.entries(session)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new GcisError('ERR_DATA_DIR', `${source}: session.${key} must be a whole number of at least 1.`);
  }
  if (session.idleSeconds > session.absoluteSeconds) {
    throw new GcisError('ERR_DATA_DIR', `${source}: session.idleSeconds must not exceed session.absoluteSeconds.`);
  }
}

/** Whole positive numbers throughout, periods in order: a typo must not switch the throttle off or lock forever. */
function checkThrottleConfig(config: ServerConfig, source: string): void {
  const { captchaAfterFailures, lockAfterFailures, throttle } = config;
  const counts = { captchaAfterFailures, lockAfterFailures, 'throttle.accountLockAfterFailures': throttle.accountLockAfterFailures, 'throttle.windowSeconds': throttle.windowSeconds };
  for (const [key, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new GcisError('ERR_DATA_DIR', `${source}: ${key} must be a whole number of at least 1.`);
  }
  const unknown = Object.keys(throttle).find((key) => !(key in defaultConfig.throttle));
  if (unknown) throw new GcisError('ERR_DATA_DIR', `${source}: unknown setting "throttle.${unknown}".`);
  const periods = throttle.lockSeconds;
  const ordered = Array.isArray(periods) && periods.length > 0 &&
    periods.every((seconds, index) => Number.isSafeInteger(seconds) && seconds >= 1 && seconds <= 86_400 && seconds >= (periods[index - 1] ?? 0));
  if (!ordered) {
    throw new GcisError('ERR_DATA_DIR', `${source}: throttle.lockSeconds must list growing lock periods of 1 to 86400 seconds, e.g. [60, 300, 900, 3600].`);
  }
  if (throttle.accountLockAfterFailures < lockAfterFailures) {
    throw new GcisError('ERR_DATA_DIR', `${source}: throttle.accountLockAfterFailures must be at least lockAfterFailures.`);
  }
}
