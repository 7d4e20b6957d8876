import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';

/**
 * `gcis completion bash|zsh|fish`: the completion script, generated from the command tree gcis
 * runs with, so it lists exactly today's subcommands and flags (README "Shell completion").
 */
export async function completion(shell: string, program: Command, { stdout }: Pick<CliDeps, 'stdout'>): Promise<void> {
  const { completionScript } = await import('@gcis/core/completion');
  stdout.write(completionScript(shell, program));
}
