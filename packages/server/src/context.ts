import type { Clock, Mailer, Random } from '@gcis/core';
import type { ServerConfig } from './config.js';
import type { RateCounter } from './http/rateLimit/RateCounter.js';
import type { AccountIdentities } from './login/accountIdentities.js';
import type { PushRuntime } from './push/pushRuntime.js';
import type { SecretBox } from './secrets/secretBox.js';
import type { Store } from './store/index.js';
import type { CertificateTrust } from './trust/certificateTrust.js';

/** What every route needs, injected once when the app is built. */
export type AppContext = {
  store: Store;
  box: SecretBox;
  config: ServerConfig;
  clock: Clock;
  random: Random;
  mailer: Mailer;
  /** An argon2 hash checked for unknown accounts, so they take as long as known ones; made on first use. */
  dummyPasswordHash: () => Promise<string>;
  /** Where rate limits count (per address, per session token): this process by default; see http/rateLimit/RateCounter.ts. */
  rateCounter: RateCounter;
  /** Account names by id for session checks, kept in memory (they never change): login/accountIdentities.ts. */
  accountIdentities: AccountIdentities;
  /** Certificate login: trust anchors, intermediates and CRLs from the data folder, refreshed in place. */
  certificates: CertificateTrust;
  /** Push login: the TW FidO service (or emulator), phone-certificate trust, long-poll coordination. */
  push: PushRuntime;
  /** Test mode only: told each new captcha's answer, so tests can answer it (login/testCaptchaAnswers.ts). */
  revealCaptchaAnswer?: (id: string, answer: string) => void;
};
