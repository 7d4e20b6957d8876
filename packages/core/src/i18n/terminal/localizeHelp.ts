import type { Locale } from '../detectLocale.js';
import { commanderWords } from '../commanderWords.js';
import { displayWidth } from './displayWidth.js';

type DescribedItem = { description: string; argChoices?: readonly string[]; defaultValue?: unknown; defaultValueDescription?: string };

/** The parts of a commander `Command` (v13–14) this reads, typed by shape so core does not depend on commander. */
export type HelpConfigurable = {
  configureHelp(configuration: {
    styleTitle(title: string): string;
    optionDescription(option: DescribedItem): string;
    argumentDescription(argument: DescribedItem): string;
    displayWidth(text: string): number;
    boxWrap(this: { minWidthToWrap: number }, text: string, width: number): string;
  }): unknown;
  helpOption(flags: string, description: string): unknown;
  helpCommand(nameAndArgs: string, description: string): unknown;
};

const wide = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';
/**
 * What a line may break between: one wide character (CJK, fullwidth) or a run of anything else,
 * keeping opening brackets with what follows and closing punctuation with what precedes.
 */
const chunkPattern = new RegExp(`\\s*[（「『]*(?:[${wide}]|[^\\s${wide}]+)[、，。；：）」』！？),.;:]*`, 'g');

/**
 * Help in the reader's language: commander's own headings ("Usage:", "Options:") and words,
 * columns measured in terminal columns (a CJK character takes two), and text wrapped between CJK
 * characters as well as at spaces. Call it before adding commands: they inherit it.
 */
export function localizeHelp(program: HelpConfigurable, locale: Locale): void {
  const help = commanderWords[locale];
  const titles: Record<string, string> = {
    'Usage:': help.usage,
    'Options:': help.options,
    'Commands:': help.commands,
    'Arguments:': help.arguments,
    'Global Options:': help.globalOptions,
  };
  program.configureHelp({
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option: DescribedItem) => describe(option),
    argumentDescription: (argument: DescribedItem) => describe(argument),
    displayWidth: (text: string) => displayWidth(text.replace(/\x1b\[\d*(;\d+)*m/g, '')),
    boxWrap(text: string, width: number) {
      if (width < this.minWidthToWrap) return text;
      return text
        .split(/\r?\n/)
        .map((line) => wrapLine(line, width))
        .join('\n');
    },
  });
  program.helpOption('-h, --help', help.helpOption);
  program.helpCommand('help [command]', help.helpCommand);

  /** commander's "(choices: …, default: …)" in the reader's words. */
  function describe({ description, argChoices, defaultValue, defaultValueDescription }: DescribedItem): string {
    const extras: string[] = [];
    if (argChoices) extras.push(help.choices(argChoices.map((choice) => JSON.stringify(choice)).join(', ')));
    if (defaultValue !== undefined && defaultValue !== false) extras.push(help.defaultValue(defaultValueDescription ?? JSON.stringify(defaultValue)));
    return extras.length === 0 ? description : `${description} (${extras.join(', ')})`;
  }
}

function wrapLine(line: string, width: number): string {
  const chunks = line.match(chunkPattern);
  if (!chunks) return '';
  const lines: string[] = [];
  let current = chunks.shift()!;
  for (const chunk of chunks) {
    if (displayWidth(current) + displayWidth(chunk) <= width) current += chunk;
    else {
      lines.push(current);
      current = chunk.trimStart();
    }
  }
  lines.push(current);
  return lines.join('\n');
}
