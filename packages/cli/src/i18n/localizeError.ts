import type { Messages } from './en.js';

/** Han, kana and fullwidth forms: a message that has them is already in the reader's language. */
const cjk = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/**
 * The text to show for an error: gcis's own messages come from the catalogue already; the
 * server's and core's English ones are replaced by the catalogue's words for their code when it
 * has some (the server stays English for API clients), else kept as they are.
 */
export function localizeError(error: { code: string; message: string; retryAfterSeconds?: unknown }, messages: Messages): string {
  const translate = messages.errors[error.code as keyof Messages['errors']];
  if (!translate || cjk.test(error.message)) return error.message;
  const retryAfterSeconds = typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined;
  return translate({ message: error.message, retryAfterSeconds });
}
