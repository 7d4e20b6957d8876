import { gcisError } from '../errors/gcisError.js';

export type LockOptions = {
  /** A lock whose holder has not touched it for this long is taken over (its process died). */
  staleMilliseconds?: number;
  /** How long to wait for a live holder before giving up with ERR_STORE_LOCKED. */
  waitMilliseconds?: number;
};

/**
 * Takes the exclusive lock of `path` across processes — proper-lockfile's `<path>.lock` directory,
 * whose holder refreshes its mtime, so a lock left by a killed process is recovered once stale —
 * and resolves to its release. Imported lazily: `gcis token` only reads and never locks.
 */
export async function lockFile(
  path: string,
  { staleMilliseconds = 5000, waitMilliseconds = 20_000 }: LockOptions = {},
): Promise<() => Promise<void>> {
  const { lock } = await import('proper-lockfile');
  const maxTimeout = 200;
  try {
    return await lock(path, {
      realpath: false, // the file may not exist yet
      stale: staleMilliseconds,
      retries: { retries: Math.ceil(waitMilliseconds / (maxTimeout / 2)), minTimeout: 5, maxTimeout, factor: 1.5, randomize: true },
      onCompromised: () => {
        // Another process took the lock over as stale while we held it: our write may race
        // theirs; the rename keeps the file whole either way, so carry on rather than crash.
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw await gcisError('ERR_STORE_LOCKED', `${path} is locked by another gcis process; try again.`);
  }
}
