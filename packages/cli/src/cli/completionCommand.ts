import { Argument } from 'commander';
import { completion } from '../commands/completion.js';
import type { CommandGroup } from './commandGroup.js';
import { examples } from './flags.js';

/** `gcis completion bash|zsh|fish`, generated from the commands `program` holds when it runs. */
export function addCompletionCommand({ program, deps }: CommandGroup): void {
  program
    .command('completion')
    .description('print the shell completion script: bash, zsh or fish (see README "Shell completion")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples('source <(gcis completion bash)', 'gcis completion fish > ~/.config/fish/completions/gcis.fish'))
    .action(async (shell: string) => completion(shell, program, deps));
}
