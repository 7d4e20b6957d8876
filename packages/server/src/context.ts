import type { Clock, Mailer, Random } from '@gcis/core';
import type { ServerConfig } from './config.js';
import type { SecretBox } from './lib/secretBox.js';
import type { Store } from './store/index.js';

/** What every route needs, injected once when the app is built. */
export type AppContext = {
  store: Store;
  box: SecretBox;
  config: ServerConfig;
  clock: Clock;
  random: Random;
  mailer: Mailer;
  /** An argon2 hash checked for unknown accounts, so they take as long as known ones. */
  dummyPasswordHash: string;
};
