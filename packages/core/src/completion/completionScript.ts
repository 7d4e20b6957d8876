import { GcisError } from '../errors.js';
import { bashCompletion } from './bashCompletion.js';
import { completionTree, type CommandLike } from './completionTree.js';
import { fishCompletion } from './fishCompletion.js';
import { zshCompletion } from './zshCompletion.js';

export const completionShells = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof completionShells)[number];

/** The completion script of a commander program for `shell`, from its command tree as it is now. */
export function completionScript(shell: string, program: CommandLike): string {
  const tree = completionTree(program);
  if (shell === 'bash') return bashCompletion(tree);
  if (shell === 'zsh') return zshCompletion(tree);
  if (shell === 'fish') return fishCompletion(tree);
  throw new GcisError('ERR_USAGE', `No completion for the shell ${shell}: use ${completionShells.join(', ')}.`);
}
