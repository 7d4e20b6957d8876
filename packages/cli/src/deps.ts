import type { Clock } from '@gcis/core';
import type { Prompts } from './prompts.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Where results go. Commands only write text to stdout, so any writer of text will do. */
export interface TextOutput {
  write(text: string): unknown;
}

/**
 * Everything a command touches besides its options. bin.ts fills it from the process; tests pass
 * captured streams, scripted prompts, a fixed clock and a temporary config dir.
 */
export interface CliDeps {
  env: Env;
  stdin: NodeJS.ReadableStream;
  stdout: TextOutput;
  stderr: NodeJS.WritableStream;
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  prompts: Prompts;
  clock: Clock;
  sleep(milliseconds: number): Promise<void>;
  /** Where the token store lives: see `resolveConfigDir`. */
  configDir: string;
}
