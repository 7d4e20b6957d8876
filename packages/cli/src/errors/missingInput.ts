import { GcisError } from '@gcis/core/errors';

/** What a non-interactive run says instead of prompting: what is missing and where to give it. */
export function missingInput(what: string, sources: string): GcisError {
  return new GcisError('ERR_MISSING_INPUT', `missing ${what}: use ${sources}`);
}
