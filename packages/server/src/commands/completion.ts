import type { Command } from 'commander';
import { completionScript } from '@gcis/core/completion';
import type { ServerIo } from '../io.js';

/** `gcis-server completion bash|zsh|fish`: the completion script, generated from the command tree (README "Shell completion"). */
export function completion(shell: string, program: Command, io: Pick<ServerIo, 'stdout'>): void {
  io.stdout.write(completionScript(shell, program));
}
