export { detectLocale, parseLocale, locales } from './detectLocale.js';
export type { Locale } from './detectLocale.js';
export { localizeError, type ErrorMessages } from './localizeError.js';
export { langFlag } from './langFlag.js';
export { commanderWords, localizeUsageError, type CommanderWords } from './commanderWords.js';
export { errorMessages } from './errorMessages.js';
