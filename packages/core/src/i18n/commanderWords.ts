import type { Locale } from './detectLocale.js';

/** commander's own words — headings, its help and version flags, usage errors — in each language. */
export type CommanderWords = {
  usage: string;
  options: string;
  commands: string;
  arguments: string;
  globalOptions: string;
  helpOption: string;
  helpCommand: string;
  version: string;
  choices: (list: string) => string;
  defaultValue: (value: string) => string;
  /** Usage errors by commander's error code, from the quoted names in its English message; absent: its own text. */
  errors: Partial<Record<string, (names: string[], choices: string | undefined) => string>>;
  didYouMean: (suggestion: string) => string;
};

const en: CommanderWords = {
  usage: 'Usage:',
  options: 'Options:',
  commands: 'Commands:',
  arguments: 'Arguments:',
  globalOptions: 'Global Options:',
  helpOption: 'display help for command',
  helpCommand: 'display help for command',
  version: 'output the version number',
  choices: (list) => `choices: ${list}`,
  defaultValue: (value) => `default: ${value}`,
  errors: {},
  didYouMean: (suggestion) => `(Did you mean ${suggestion}?)`,
};

const zhTW: CommanderWords = {
  usage: '用法：',
  options: '選項：',
  commands: '指令：',
  arguments: '參數：',
  globalOptions: '共用選項：',
  helpOption: '顯示指令說明',
  helpCommand: '顯示指令說明',
  version: '顯示版本',
  choices: (list) => `可選：${list}`,
  defaultValue: (value) => `預設：${value}`,
  errors: {
    'commander.unknownOption': ([option]) => `未知的選項 ${option}`,
    'commander.unknownCommand': ([command]) => `未知的指令 ${command}`,
    'commander.missingArgument': ([name]) => `缺少必要參數 ${name}`,
    'commander.optionMissingArgument': ([option]) => `選項 ${option} 缺少值`,
    'commander.missingMandatoryOptionValue': ([option]) => `未指定必要選項 ${option}`,
    'commander.invalidArgument': ([option, value], choices) =>
      `${option} 的值 ${value ?? ''} 無效${choices ? `；可選：${choices}` : ''}`,
    'commander.conflictingOption': ([first, second]) => `${first} 不能與 ${second} 同時使用`,
    'commander.excessArguments': () => '參數過多',
  },
  didYouMean: (suggestion) => `（您是否要輸入 ${suggestion}？）`,
};

export const commanderWords: Record<Locale, CommanderWords> = { en, 'zh-TW': zhTW };

/**
 * A commander usage error in the reader's language, from its code and the names quoted in its
 * English message ('--foo'); the English text itself when the code is not one it knows.
 */
export function localizeUsageError(error: { code: string; message: string }, locale: Locale): string {
  const words = commanderWords[locale];
  const text = error.message.replace(/^error: /, '');
  const translate = words.errors[error.code];
  if (!translate) return text;
  const names = [...text.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const choices = /Allowed choices are (.+?)\.?$/m.exec(text)?.[1];
  const suggestion = /\(Did you mean (.+?)\?\)/.exec(text)?.[1];
  return `${translate(names, choices)}${suggestion ? words.didYouMean(suggestion) : ''}`;
}
