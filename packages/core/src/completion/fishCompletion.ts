import { commandPaths, type CompletionTree } from './completionTree.js';

/**
 * fish completion: one `complete` line per subcommand and flag, each under the condition that the
 * subcommands typed so far lead to its command. https://fishshell.com/docs/current/completions.html
 */
export function fishCompletion(tree: CompletionTree): string {
  const fn = `__${tree.name.replace(/[^A-Za-z0-9_]/g, '_')}_command_path`;
  const entries = commandPaths(tree);
  const key = (path: string[]) => `/${path.join('/')}`;
  const known = entries.filter(({ path }) => path.length > 0).map(({ path }) => quote(key(path))).join(' ');
  const lines = entries.flatMap(({ path, command }) => {
    const when = `-n ${quote(`test (${fn}) = ${key(path)}`)}`;
    const subcommands = command.subcommands.map(
      (sub) => `complete -c ${tree.name} -f ${when} -a ${quote(sub.name)} -d ${quote(summary(sub.description))}`,
    );
    const flags = command.flags.map((flag) => {
      const names = [flag.long && `-l ${flag.long.replace(/^--/, '')}`, flag.short && `-s ${flag.short.replace(/^-/, '')}`].filter(Boolean);
      const value = !flag.takesValue ? '' : flag.choices.length > 0 ? ` -x -a ${quote(flag.choices.join(' '))}` : ' -r';
      return `complete -c ${tree.name} ${when} ${names.join(' ')}${value} -d ${quote(summary(flag.description))}`;
    });
    const choices = command.argumentChoices.length > 0 ? [`complete -c ${tree.name} -f ${when} -a ${quote(command.argumentChoices.join(' '))}`] : [];
    return [...subcommands, ...choices, ...flags];
  });
  return `# fish completion for ${tree.name}, generated from its command tree: ${tree.name} completion fish | source
function ${fn}
    set -l path /
    for word in (commandline -opc)[2..-1]
        string match -q -- '-*' $word; and continue
        set -l next (string replace -r '/$' '' -- $path)/$word
        contains -- $next ${known}; and set path $next
    end
    echo $path
end
complete -c ${tree.name} -f
${lines.join('\n')}
`;
}

/** The first sentence or clause of a description: fish shows it beside the candidate. */
const summary = (description: string) => description.split(/;\s|:\s|\s\(/)[0]!.trim();

/** Single-quoted for fish, where only \\ and \' are escapes inside single quotes. */
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
