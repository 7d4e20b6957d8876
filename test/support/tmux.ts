import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';

/**
 * Runs a command in a real terminal (a detached tmux session on a private socket), so tests can
 * type at prompts with send-keys and read the screen with capture-pane as a person would see it.
 */
export function startInTmux(command: string[], env: Record<string, string>) {
  const socket = `gcis-test-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const quoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const exports = Object.entries(env).map(([name, value]) => `${name}=${quoted(value)}`);
  // A clean environment (no CI=true from the runner, which would forbid prompts) with a real TERM;
  // the exit status is printed after the command so the test can read it from the screen.
  const base = [`PATH=${quoted(process.env.PATH ?? '/usr/bin:/bin')}`, 'TERM=xterm-256color', 'LANG=C.UTF-8'];
  const script = `env -i ${[...base, ...exports].join(' ')} ${command.map(quoted).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('new-session', '-d', '-x', '160', '-y', '60', '-s', 'main', script);

  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'main');
  return {
    screen,
    /** The screen with its colour and style escapes (capture-pane -e), to tell coloured text from plain. */
    screenWithEscapes: () => tmux('capture-pane', '-p', '-e', '-J', '-S', '-200', '-t', 'main'),
    /** Types text as keys; `Enter`, `Down`, `C-c` and other tmux key names are sent as keys. */
    send: (...keys: string[]) => void tmux('send-keys', '-t', 'main', ...keys),
    type: (text: string) => void tmux('send-keys', '-t', 'main', '-l', text),
    async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(screen());
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async exitCode(timeoutMs = 15_000): Promise<number> {
      return Number((await this.waitFor(/\[exit (\d+)\]/, timeoutMs))[1]);
    },
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
