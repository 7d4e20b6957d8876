import type { TotpAlgorithm } from './lib/hotp.js';

export type { TotpAlgorithm };

/** The parameters DESIGN.md fixes for the portal: SHA-1, 6 digits, 30-second steps, ±1 step. */
export type TotpOptions = {
  periodSeconds?: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
};

export const totpDefaults = { periodSeconds: 30, digits: 6, algorithm: 'SHA1', windowSteps: 1 } as const;
