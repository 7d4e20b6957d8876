/** Messages for error codes, given the error's own English message (for details worth keeping) and retry delay. */
export type ErrorMessage = (error: { message: string; retryAfterSeconds?: number }) => string;
export type ErrorMessages = Partial<Record<string, ErrorMessage>>;

/** Han, kana and fullwidth forms: a message that has them is already in the reader's language. */
const cjk = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/**
 * The text to show for an error: a tool's own messages come from its catalogue already; the
 * English ones of core and of the server's API are replaced by `errors`' words for their code when
 * it has some (the API stays English for its clients), else kept as they are.
 */
export function localizeError(error: { code: string; message: string; retryAfterSeconds?: unknown }, errors: ErrorMessages): string {
  const translate = errors[error.code];
  if (!translate || cjk.test(error.message)) return error.message;
  const retryAfterSeconds = typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined;
  return translate({ message: error.message, retryAfterSeconds });
}
