import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { displayWidth, localizeHelp } from '@gcis/core/i18n/terminal';
import { en } from './en.js';
import { zhTW } from './zhTW.js';

const helpOf = (messages: typeof en, width: number) => {
  const program = new Command('gcis').configureOutput({ getOutHelpWidth: () => width });
  localizeHelp(program, messages === en ? 'en' : 'zh-TW');
  program
    .command('login')
    .description(messages.help.login.description)
    .option('--code <code>', messages.help.login.code)
    .option('--id <nationalId>', messages.help.login.id);
  return program.commands[0]!.helpInformation();
};

describe('gcis help in the catalogue’s words', () => {
  it('wraps Chinese help within the terminal width (70 columns), counting wide characters as two columns', () => {
    const text = helpOf(zhTW, 70);
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(70);
        expect(text).not.toContain('Options:');
  });

  it('starts every wrapped description line in the same column', () => {
    const lines = helpOf(zhTW, 70).split('\n');
    const option = lines.findIndex((line) => line.includes('--code'));
    const column = lines[option]!.indexOf(lines[option]!.trim().split(/\s{2,}/)[1]!);
    const continuation = lines[option + 1]!;
    expect(continuation.length - continuation.trimStart().length).toBe(column);
  });

  it('leaves English as commander writes it', () => {
    expect(helpOf(en, 80)).toMatch(/^Usage: gcis login \[options\]/);
  });
});
