/** The languages gcis speaks: English, and Traditional Chinese as used in Taiwan. */
export type Locale = 'en' | 'zh-TW';

export const locales: readonly Locale[] = ['en', 'zh-TW'];

/**
 * The language a locale name asks for: `zh_TW.UTF-8`, `zh-TW`, `zh-Hant`, `zh_Hant_TW`, `zh-HK`
 * and `zh_MO` (Traditional script) give zh-TW; anything else (C, POSIX, en_US, zh_CN) gives English.
 */
export function parseLocale(name: string): Locale {
  const tag = name.split(/[.@]/, 1)[0]!.replace(/_/g, '-').toLowerCase();
  if (!tag.startsWith('zh')) return 'en';
  return /^zh(-hant)?(-(tw|hk|mo))?$/.test(tag) && tag !== 'zh' ? 'zh-TW' : 'en';
}

/**
 * Which language to speak: an explicit choice (`--lang`) first, then `GCIS_LANG`, then the first
 * non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX precedence, XBD §8.2); English otherwise.
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/V1_chap08.html#tag_08_02
 */
export function detectLocale(env: Readonly<Record<string, string | undefined>>, choice?: string): Locale {
  const name = [choice, env.GCIS_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return name === undefined ? 'en' : parseLocale(name);
}
