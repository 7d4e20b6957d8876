/** The `code` a promise rejects with, or undefined when it resolves: tests assert codes, not messages. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );
}
