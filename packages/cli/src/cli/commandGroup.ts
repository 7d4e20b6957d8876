import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import type { Messages } from '../i18n/en.js';

/** What each command group gets from `createCli`: the program to add to and the ways out of commander. */
export type CommandGroup = {
  program: Command;
  deps: CliDeps;
  /** The messages in the reader's language: help texts come from here. */
  t: Messages;
  /** The server a command talks to: `--server`, else GCIS_SERVER, else the default. */
  serverOf: (command: Command) => Promise<string>;
  /** For commands whose exit code is an answer (`exec`, `verify`), not an error. */
  setExitCode: (code: number) => void;
};
