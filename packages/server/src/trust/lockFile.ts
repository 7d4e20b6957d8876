import { GcisError } from '@gcis/core';

/**
 * Runs `work` holding the exclusive lock of `file` across processes — proper-lockfile's
 * `<file>.lock` folder, refreshed while held, so the lock of a killed process is taken over once
 * stale (as the CLI's token store does). ERR_STORE_LOCKED when a live holder keeps it past `waitMilliseconds`.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, { waitMilliseconds = 20_000 }: { waitMilliseconds?: number } = {}): Promise<T> {
  const { lock } = await import('proper-lockfile');
  const maxTimeout = 200;
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false, // the file may not exist yet
      stale: 10_000,
      retries: { retries: Math.ceil(waitMilliseconds / (maxTimeout / 2)), minTimeout: 5, maxTimeout, factor: 1.5, randomize: true },
      onCompromised: () => {
        // Taken over as stale while held: the write below is still whole (temp file + rename).
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new GcisError('ERR_STORE_LOCKED', `${file} is locked by another gcis-server command; try again.`);
  }
  try {
    return await work();
  } finally {
    await release();
  }
}
