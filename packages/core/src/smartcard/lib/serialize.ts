const tails = new Map<string, Promise<void>>();

/**
 * Runs the tasks given for one key one after another. A PKCS#11 module's state belongs to the
 * whole process, so two signers on the same module must not interleave their
 * C_Initialize … C_Finalize; hence one queue per module path, shared by every signer.
 */
export function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
