import { cryptoRandom, systemClock, type Clock, type Random } from '@gcis/core';
import { hashPassword } from '@gcis/core/password';
import type { AppContext } from './context.js';
import type { ServerData } from './dataDir.js';

/** Fills in the real clock and randomness around an opened data folder. */
export async function createContext(
  data: ServerData,
  { clock = systemClock, random = cryptoRandom }: { clock?: Clock; random?: Random } = {},
): Promise<AppContext> {
  const dummyPasswordHash = await hashPassword(Buffer.from(random.bytes(16)).toString('base64'));
  return { store: data.store, box: data.box, config: data.config, clock, random, dummyPasswordHash };
}
