/**
 * Recognises the plain `gcis token [--server URL]` call so that bin.ts can answer it without loading
 * the ES module program and commander: scripts call it once per request. Anything else (help,
 * typos, repeats) returns undefined and goes through commander as usual.
 */
export function parseTokenFastPath(argv: readonly string[]): { server: string | undefined } | undefined {
  let server: string | undefined;
  let sawToken = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === 'token' && !sawToken) sawToken = true;
    else if (arg === '--server' && server === undefined && index + 1 < argv.length) server = argv[++index];
    else if (arg.startsWith('--server=') && server === undefined) server = arg.slice('--server='.length);
    else return undefined;
  }
  return sawToken ? { server } : undefined;
}
