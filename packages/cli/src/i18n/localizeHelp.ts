import type { Command, Help } from 'commander';
import { displayWidth } from './displayWidth.js';
import type { Messages } from './en.js';

const wide = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';
/**
 * What a line may break between: one wide character (CJK, fullwidth) or a run of anything else,
 * keeping opening brackets with what follows and closing punctuation with what precedes.
 */
const chunkPattern = new RegExp(`\\s*[（「『]*(?:[${wide}]|[^\\s${wide}]+)[、，。；：）」』！？),.;:]*`, 'g');

/**
 * Help in the reader's language: commander's own headings ("Usage:", "Options:") from the
 * catalogue, columns measured in terminal columns (a CJK character takes two), and text wrapped
 * between CJK characters as well as at spaces. Applied to every command as it is added.
 */
export function localizeHelp(program: Command, messages: Messages): void {
  const { help } = messages;
  const titles: Record<string, string> = {
    'Usage:': help.usage,
    'Options:': help.options,
    'Commands:': help.commands,
    'Arguments:': help.arguments,
    'Global Options:': help.globalOptions,
  };
  program.configureHelp({
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option) => describe(option.description, option.argChoices, option.defaultValue, option.defaultValueDescription),
    argumentDescription: (argument) =>
      describe(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription),
    displayWidth: (text: string) => displayWidth(text.replace(/\x1b\[\d*(;\d+)*m/g, '')),
    boxWrap(this: Help, text: string, width: number) {
      if (width < this.minWidthToWrap) return text;
      return text
        .split(/\r?\n/)
        .map((line) => wrapLine(line, width))
        .join('\n');
    },
  });
  program.helpOption('-h, --help', help.helpOption).helpCommand('help [command]', help.helpCommand);

  /** commander's "(choices: …, default: …)" in the reader's words. */
  function describe(text: string, choices: readonly string[] | undefined, value: unknown, valueText: string | undefined): string {
    const extras: string[] = [];
    if (choices) extras.push(help.choices(choices.map((choice) => JSON.stringify(choice)).join(', ')));
    if (value !== undefined && value !== false) extras.push(help.defaultValue(valueText ?? JSON.stringify(value)));
    return extras.length === 0 ? text : `${text} (${extras.join(', ')})`;
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
