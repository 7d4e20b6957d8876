import { detectLocale } from '@gcis/core/i18n';
import { en, type Messages } from './en.js';
import { zhTW } from './zhTW.js';

export type { Messages };

/** `gcis-server`'s messages in the language `env` asks for (`--lang` reaches here as GCIS_LANG: see bin.ts). */
export function messagesFor(env: Readonly<Record<string, string | undefined>>): Messages {
  return detectLocale(env) === 'zh-TW' ? zhTW : en;
}
