import { GcisError } from '@gcis/core/errors';
import { en, type Messages } from '../i18n/en.js';

/** Seconds from `90`, `90s`, `15m` or `1h`; ERR_USAGE naming the flag otherwise. */
export function parseDuration(text: string, flag: string, t: Messages = en): number {
  const match = /^(\d{1,6})(s|m|h)?$/.exec(text.trim());
  const value = Number(match?.[1]);
  if (!match || value <= 0) throw new GcisError('ERR_USAGE', t.signing.duration(flag));
  return value * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h' | undefined ?? 's'];
}
