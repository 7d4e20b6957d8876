import type { Clock } from '@gcis/core/ports';
import type { Signer } from '@gcis/core/smartcard';
import type { HipkiSettings } from './card/hipkiSettings.js';
import type { Env } from './io/env.js';
import type { Prompts } from './io/prompts.js';

export type { Env } from './io/env.js';

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
  /** Calls `handler` on Ctrl-C (SIGINT) while gcis waits outside a prompt; returns the unsubscribe. Absent: not handled. */
  onInterrupt?: (handler: () => void) => () => void;
  /** Opens the smart-card signer; absent means the real one (card/openSigner.ts). Tests pass a fake card. */
  openSigner?: (choice: SignerChoice) => Promise<Signer>;
  /** How to start this CLI again (node and its script), for `gcis agent` to leave a copy running. */
  selfCommand?: readonly string[];
}

/** Which signer `--signer` asked for, and the PKCS#11 module `--pkcs11-module` named, if any. */
export type SignerChoice = { kind: 'pkcs11' | 'hipki'; modulePath?: string; hipki?: HipkiSettings };
