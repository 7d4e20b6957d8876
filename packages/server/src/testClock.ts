import { readFileSync } from 'node:fs';
import { GcisError, systemClock, type Clock } from '@gcis/core';
import type { ServerConfig } from './config.js';

/**
 * The server's clock. `GCIS_SERVER_TEST_CLOCK` names a file holding an ISO instant, read at every
 * call so a test can move time while the server runs; only a data folder in test mode allows it.
 */
export function serverClock(config: ServerConfig, env: NodeJS.ProcessEnv): Clock {
  const file = env.GCIS_SERVER_TEST_CLOCK;
  if (!file) return systemClock;
  if (config.mode !== 'test') {
    throw new GcisError('ERR_USAGE', 'GCIS_SERVER_TEST_CLOCK is refused: this data folder is in production mode.');
  }
  return {
    now() {
      const at = new Date(readFileSync(file, 'utf8').trim());
      if (Number.isNaN(at.getTime())) throw new GcisError('ERR_USAGE', `${file} does not hold an ISO date.`);
      return at;
    },
  };
}
