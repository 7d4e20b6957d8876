import { GcisError } from '@gcis/core/errors';

/** Seconds from `90`, `90s`, `15m` or `1h`; ERR_USAGE naming the flag otherwise. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d{1,6})(s|m|h)?$/.exec(text.trim());
  const value = Number(match?.[1]);
  if (!match || value <= 0) throw new GcisError('ERR_USAGE', `${flag} takes a duration such as 90s, 15m or 1h`);
  return value * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h' | undefined ?? 's'];
}
