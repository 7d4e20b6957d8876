export { detectLocale, parseLocale, locales } from './detectLocale.js';
export type { Locale } from './detectLocale.js';
