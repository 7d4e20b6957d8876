import type { TotpAlgorithm } from './lib/hotp.js';

export type { TotpAlgorithm };

/** The portal's parameters (Google Authenticator's defaults, RFC 6238 §5.2): SHA-1, 6 digits, 30-second steps, ±1 step. */
export type TotpOptions = {
  periodSeconds?: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
};

export const totpDefaults = { periodSeconds: 30, digits: 6, algorithm: 'SHA1', windowSteps: 1 } as const;
