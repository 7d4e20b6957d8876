/** One command of a CLI as completion sees it: its flags, and the commands under it. */
export type CompletionTree = {
  name: string;
  description: string;
  flags: CompletionFlag[];
  subcommands: CompletionTree[];
  /** The values its first argument allows (commander `Argument.choices`), completed like subcommands. */
  argumentChoices: string[];
};

/** A flag: its long and short forms, whether it takes a value, and the values it allows. */
export type CompletionFlag = { long?: string; short?: string; description: string; takesValue: boolean; choices: string[] };

/**
 * The parts of a commander `Command` (v12–14) that completion reads — typed by shape, so core
 * does not depend on commander.
 */
export type CommandLike = {
  name(): string;
  description(): string;
  readonly commands: readonly CommandLike[];
  readonly options: readonly {
    long?: string | undefined;
    short?: string | undefined;
    description: string;
    required: boolean;
    optional: boolean;
    hidden: boolean;
    argChoices?: string[] | undefined;
  }[];
  readonly registeredArguments?: readonly { argChoices?: string[] | undefined }[];
  /** Commander hides commands added with `{ hidden: true }` through this private field. */
  readonly _hidden?: boolean;
};

/**
 * The command tree of a commander program, read at run time so completion never goes stale:
 * every visible command and flag, `--help` everywhere, and the program's own flags (commander
 * takes them after a subcommand too) on every subcommand.
 */
export function completionTree(program: CommandLike): CompletionTree {
  const help: CompletionFlag = { long: '--help', short: '-h', description: 'display help', takesValue: false, choices: [] };
  const flagsOf = (command: CommandLike): CompletionFlag[] =>
    command.options
      .filter((option) => !option.hidden)
      .map((option) => ({
        ...(option.long && { long: option.long }),
        ...(option.short && { short: option.short }),
        description: option.description,
        takesValue: option.required || option.optional,
        choices: option.argChoices ?? [],
      }));
  const global = flagsOf(program).filter((flag) => flag.long !== '--version');
  const walk = (command: CommandLike, inherited: CompletionFlag[]): CompletionTree => ({
    name: command.name(),
    description: command.description(),
    flags: [...flagsOf(command), ...inherited, help],
    subcommands: command.commands.filter((sub) => !sub._hidden && sub.name() !== 'help').map((sub) => walk(sub, global)),
    argumentChoices: command.registeredArguments?.[0]?.argChoices ?? [],
  });
  return walk(program, []);
}

/** Every command of the tree with its path of subcommand names (the program's own path is empty). */
export function commandPaths(tree: CompletionTree, path: string[] = []): Array<{ path: string[]; command: CompletionTree }> {
  return [{ path, command: tree }, ...tree.subcommands.flatMap((sub) => commandPaths(sub, [...path, sub.name]))];
}
