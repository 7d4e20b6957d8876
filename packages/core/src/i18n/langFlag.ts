/**
 * The `--lang` given on the command line, read before commander runs: help text is built in the
 * chosen language, so the language has to be known before the command tree is. Stops at `--`.
 */
export function langFlag(argv: readonly string[]): string | undefined {
  let lang: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (arg === '--lang' && index + 1 < argv.length) lang = argv[++index];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  }
  return lang;
}
