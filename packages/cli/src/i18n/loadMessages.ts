import type { Env } from '../deps.js';
import type { Messages } from './en.js';

/**
 * The catalogue, imported only when there is something to say: the modules `gcis token` runs use
 * this so that its success path never loads the messages (bench/token-startup.mjs).
 */
export async function loadMessages(env: Env): Promise<Messages> {
  const { messagesFor } = await import('./messages.js');
  return messagesFor(env);
}
