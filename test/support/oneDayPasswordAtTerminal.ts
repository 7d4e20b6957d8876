import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPassword } from './gcisServer.js';
import { cliBin } from './paths.js';
import { startInTmux } from './tmux.js';

/**
 * `gcis login --method otp --account alice` in tmux with a fresh config folder: types the password,
 * waits for the check-code prompt and hands the terminal back to the test to type the code.
 */
export async function oneDayPasswordAtTerminal(server: string, env: Record<string, string> = {}) {
  const configDir = mkdtempSync(join(tmpdir(), 'gcis-tty-'));
  const terminal = startInTmux(['node', cliBin, 'login', '--method', 'otp', '--account', 'alice'], {
    GCIS_SERVER: server,
    GCIS_CONFIG_DIR: configDir,
    HOME: configDir,
    ...env,
  });
  try {
    await terminal.waitFor(/Password/);
    terminal.type(demoPassword);
    terminal.send('Enter');
    await terminal.waitFor(/Check code/);
  } catch (error) {
    terminal.kill();
    throw error;
  }
  return terminal;
}
