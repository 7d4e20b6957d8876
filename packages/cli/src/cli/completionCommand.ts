import { Argument } from 'commander';
import { completion } from '../commands/completion.js';
import type { CommandGroup } from './commandGroup.js';
import { helpParts } from './flags.js';

/** `gcis completion bash|zsh|fish`, generated from the commands `program` holds when it runs. */
export function addCompletionCommand({ program, deps, t }: CommandGroup): void {
  const { help, examples } = helpParts(t);
  program
    .command('completion')
    .description(help.completion.description)
    .addArgument(new Argument('<shell>', help.completion.shell).choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples('source <(gcis completion bash)', 'gcis completion fish > ~/.config/fish/completions/gcis.fish'))
    .action(async (shell: string) => completion(shell, program, deps));
}
