import { spawn } from 'node:child_process';
import { GcisError, isGcisErrorCode } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';

/**
 * Starts `gcis agent --daemon-child …` detached from this terminal, hands it the PIN on its
 * stdin (never on argv), and resolves to the eval line it prints once its socket is ready. An
 * agent that fails first (a wrong PIN) becomes the error it printed, with its code.
 */
export async function spawnAgentDaemon(args: readonly string[], pin: string, deps: Pick<CliDeps, 'env' | 'selfCommand'>): Promise<string> {
  const [command, ...self] = deps.selfCommand ?? [];
  if (!command) throw new GcisError('ERR_USAGE', 'Cannot start the agent in the background here: use gcis agent --foreground');
  const child = spawn(command, [...self, 'agent', '--daemon-child', ...args], { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...deps.env } });
  child.stdin.end(`${pin}\n`);
  let stdout = '';
  let stderr = '';
  return new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      child.removeAllListeners('exit');
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      resolve(stdout.slice(0, end + 1));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (cause) => reject(new GcisError('ERR_AGENT', `Cannot start the agent: ${cause.message}`, { cause })));
    child.on('exit', () => {
      const line = stderr.trim().split('\n').at(-1) ?? '';
      const code = /\((ERR_[A-Z0-9_]+)\)$/.exec(line)?.[1];
      const message = line.replace(/^gcis: /, '').replace(/ \(ERR_[A-Z0-9_]+\)$/, '') || 'The agent ended before it was ready';
      reject(new GcisError(isGcisErrorCode(code) ? code : 'ERR_AGENT', message));
    });
  });
}
