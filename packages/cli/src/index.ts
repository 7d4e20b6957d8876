export { createCli } from './createCli.js';
export type { Cli } from './createCli.js';
export type { CliDeps, Env } from './deps.js';
export { createPrompts } from './prompts.js';
export type { Prompts, Choice } from './prompts.js';
export { exitCodes, exitCodeFor, formatError } from './exitCodes.js';
export { openTokenStore } from './tokenStore.js';
export type { StoredSession, TokenStore } from './tokenStore.js';
export { resolveConfigDir } from './lib/configDir.js';
