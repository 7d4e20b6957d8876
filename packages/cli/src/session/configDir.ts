import { isAbsolute, join } from 'node:path';
import type { Env } from '../deps.js';

/**
 * `GCIS_CONFIG_DIR`, else `$XDG_CONFIG_HOME/gcis`, else `~/.config/gcis`. A relative
 * XDG_CONFIG_HOME is ignored, as the XDG Base Directory spec asks.
 */
export function resolveConfigDir(env: Env, homeDir: string): string {
  if (env.GCIS_CONFIG_DIR) return env.GCIS_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return join(env.XDG_CONFIG_HOME, 'gcis');
  return join(homeDir, '.config', 'gcis');
}
