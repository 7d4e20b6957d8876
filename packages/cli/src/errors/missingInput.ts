import { GcisError } from '@gcis/core/errors';
import type { Env } from '../deps.js';
import { messagesFor } from '../i18n/messages.js';

/** What a non-interactive run says instead of prompting: what is missing and where to give it. */
export function missingInput(what: string, sources: string, env: Env): GcisError {
  return new GcisError('ERR_MISSING_INPUT', messagesFor(env).missingInput(what, sources));
}
