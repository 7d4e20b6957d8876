import { commandPaths, type CompletionTree } from './completionTree.js';

/**
 * A bash completion script for the tree: subcommands at any depth, the flags of the command typed
 * so far, and a flag's allowed values after it (files for other values). Also what zsh runs
 * through bashcompinit. https://www.gnu.org/software/bash/manual/html_node/Programmable-Completion.html
 */
export function bashCompletion(tree: CompletionTree): string {
  const fn = functionName(tree.name);
  const entries = commandPaths(tree);
  const key = (path: string[]) => `/${path.join('/')}`;
  const descend = entries.filter(({ path }) => path.length > 0).map(({ path }) => quote(key(path))).join('|');
  const words = entries.map(({ path, command }) => {
    const flags = command.flags.flatMap((flag) => [flag.long, flag.short].filter(Boolean)).join(' ');
    const subcommands = [...command.subcommands.map((sub) => sub.name), ...command.argumentChoices].join(' ');
    return `    ${quote(key(path))}) subcommands=${quote(subcommands)}; flags=${quote(flags)} ;;`;
  });
  const values = entries.flatMap(({ path, command }) =>
    command.flags.flatMap((flag) => {
      if (!flag.takesValue) return [];
      const names = [flag.long, flag.short].filter((name): name is string => Boolean(name));
      const reply = flag.choices.length > 0 ? `COMPREPLY=($(compgen -W ${quote(flag.choices.join(' '))} -- "$cur"))` : 'COMPREPLY=()';
      return names.map((name) => `    ${quote(`${key(path)} ${name}`)}) ${reply}; return ;;`);
    }),
  );
  return `# bash completion for ${tree.name}, generated from its command tree: source <(${tree.name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="/" word i
  ((COMP_CWORD > 0)) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ $word == -* ]] && continue
    case "\${path%/}/$word" in
      ${descend || "''"}) path="\${path%/}/$word" ;;
    esac
  done
  local subcommands="" flags=""
  case "$path" in
${words.join('\n')}
  esac
  case "$path $prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${tree.name}
`;
}

export const functionName = (program: string) => `_${program.replace(/[^A-Za-z0-9_]/g, '_')}_completion`;

/** Single-quoted for the shell. */
export const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
