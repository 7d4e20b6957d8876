export { createCli } from './createCli.js';
export type { Cli } from './createCli.js';
export type { CliDeps, Env } from './deps.js';
export { createPrompts } from './io/prompts.js';
export type { Prompts, Choice } from './io/prompts.js';
export { exitCodes, exitCodeFor, formatError } from './errors/exitCodes.js';
export { openTokenStore } from './session/tokenStore.js';
export type { StoredSession, TokenStore } from './session/tokenStore.js';
export { resolveConfigDir } from './session/configDir.js';
