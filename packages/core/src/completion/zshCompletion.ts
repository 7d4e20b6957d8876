import { bashCompletion } from './bashCompletion.js';
import type { CompletionTree } from './completionTree.js';

/**
 * zsh completion: the bash script through zsh's bashcompinit, so both shells complete exactly the
 * same words. https://zsh.sourceforge.io/Doc/Release/Completion-System.html
 */
export function zshCompletion(tree: CompletionTree): string {
  return `#compdef ${tree.name}
# zsh completion for ${tree.name}, generated from its command tree: source <(${tree.name} completion zsh)
(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }
(( $+functions[complete] )) || { autoload -U +X bashcompinit && bashcompinit; }
${bashCompletion(tree)}`;
}
