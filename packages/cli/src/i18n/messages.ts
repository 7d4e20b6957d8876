import { detectLocale, type Locale } from '@gcis/core/i18n';
import type { Env } from '../deps.js';
import { en, type Messages } from './en.js';
import { zhTW } from './zhTW.js';

export type { Messages };

const catalogues: Record<Locale, Messages> = { en, 'zh-TW': zhTW };

/** The messages in the language `env` asks for (`--lang` reaches here as GCIS_LANG: see main.mts). */
export function messagesFor(env: Env): Messages {
  return catalogues[detectLocale(env)];
}
