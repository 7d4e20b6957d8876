import { GcisError } from '@gcis/core';
import { checksumIvModes, type ChecksumIvMode } from '@gcis/core/push';

/** Push login (行動自然人憑證): the TW FidO service this server is a relying party of. */
export type PushConfig = {
  /**
   * The relying-party API, e.g. https://fidoapi.moi.gov.tw (the UAT host is in the service's papers);
   * '' turns push login off, unless `gcis-server start --fido-emulator` points it at the emulator.
   */
  baseUrl: string;
  /** sp_service_id the service issued. */
  serviceId: string;
  /** The AES-256 key the service issued, base64 (32 bytes). GCIS_SERVER_FIDO_KEY wins over this. */
  key: string;
  /** Least time between two ATH-02 polls of one request: 4 for the real service. */
  pollIntervalSeconds: number;
  /** time_limit of each request, 30–600 s. */
  lifetimeSeconds: number;
  /**
   * PEM or DER files of CAs whose phone certificates are accepted, besides `productionTrust`. The
   * service returns the phone's certificate alone (no intermediates are fetched), so list the CA
   * that issues them itself, or its root with the issuer installed by `trust install-production`.
   */
  trustAnchors: string[];
  /**
   * Phone certificates may chain to the pinned production CAs that `gcis-server trust
   * install-production` installed (GRCA G2/G3 roots, MOICA G2/G3 under them) — only those, matched
   * by SHA-256, never other `trust add` CAs. No public sample of a mobile certificate says its issuer.
   */
  productionTrust: boolean;
  /** Checksum IV: `random` (12 fresh bytes, as GCM wants) or `zero` (as most public clients send); the service reads either. */
  checksumIv: ChecksumIvMode;
  /** true: refuse unless hashed_id_num is the hex SHA-256 of the ID; false: record it and log its shape when it differs. */
  verifyHashedIdNum: boolean;
  /**
   * true: refuse a phone certificate that does not carry the card profile (CN, serialNumber, the
   * ID's last 4 digits); false: one that carries none is taken as the holder this server pushed to.
   */
  requireCardProfile: boolean;
};

export const defaultPushConfig: PushConfig = {
  baseUrl: '',
  serviceId: 'gcis',
  key: '',
  pollIntervalSeconds: 4,
  lifetimeSeconds: 120,
  trustAnchors: [],
  productionTrust: true,
  checksumIv: 'random',
  verifyHashedIdNum: false,
  requireCardProfile: false,
};

/** Refuses unknown keys, wrong types and out-of-range values in the `push` section. */
export function checkPushConfig(push: PushConfig, source: string): void {
  const bad = (message: string) => new GcisError('ERR_DATA_DIR', `${source}: push.${message}`);
  for (const [key, value] of Object.entries(push)) {
    const fallback = defaultPushConfig[key as keyof PushConfig];
    if (fallback === undefined) throw bad(`${key} is not a setting.`);
    if (Array.isArray(fallback) ? !Array.isArray(value) || value.some((item) => typeof item !== 'string') : typeof value !== typeof fallback) {
      throw bad(`${key} must be ${Array.isArray(fallback) ? 'a list of file paths' : `a ${typeof fallback}`}.`);
    }
  }
  if (push.baseUrl && !/^https?:\/\/[^\s]+$/.test(push.baseUrl)) throw bad('baseUrl must be an http(s) URL.');
  if (!Number.isInteger(push.lifetimeSeconds) || push.lifetimeSeconds < 30 || push.lifetimeSeconds > 600) {
    throw bad('lifetimeSeconds must be a whole number from 30 to 600.');
  }
  if (!(push.pollIntervalSeconds > 0) || push.pollIntervalSeconds > push.lifetimeSeconds) {
    throw bad('pollIntervalSeconds must be more than 0 and at most lifetimeSeconds (the real service allows 4 or more).');
  }
  if (!checksumIvModes.includes(push.checksumIv)) throw bad(`checksumIv must be ${checksumIvModes.join(' or ')}.`);
  if (!/^[\x21-\x7e]{1,64}$/.test(push.serviceId)) throw bad('serviceId must be 1–64 printable ASCII characters.');
}
