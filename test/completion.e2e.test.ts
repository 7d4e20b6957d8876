import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, serverBin } from './support/paths.js';
import { startInTmux } from './support/tmux.js';

const programs = { gcis: cliBin, 'gcis-server': serverBin } as const;
type Program = keyof typeof programs;

async function script(program: Program, shell: string): Promise<string> {
  const { stdout } = await execa('node', [programs[program], 'completion', shell], { env: { PATH: process.env.PATH ?? '' }, extendEnv: false });
  return stdout;
}

/** What bash completes for `line` (a trailing space starts a new word), calling the function as `complete -F` would. */
async function bashCompletes(program: Program, line: string): Promise<string[]> {
  const words = line.split(' ');
  const bash = `source <(node ${programs[program]} completion bash)
COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}
$(complete -p ${program} | sed -E 's/.* -F ([^ ]+) .*/\\1/')
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await execa('bash', ['-c', bash]);
  return stdout.split('\n').filter(Boolean).sort();
}

describe('gcis completion bash, sourced in a real bash', () => {
  it('completes a subcommand', async () => {
    expect(await bashCompletes('gcis', 'gcis lo')).toEqual(['local-server', 'login', 'logout']);
  });

  it('completes a nested subcommand', async () => {
    expect(await bashCompletes('gcis', 'gcis totp s')).toEqual(['show']);
    expect(await bashCompletes('gcis', 'gcis card ')).toEqual(['bind', 'list']);
  });

  it('completes the flags of the command typed so far, and the program’s own', async () => {
    expect(await bashCompletes('gcis', 'gcis login --me')).toEqual(['--method']);
    expect(await bashCompletes('gcis', 'gcis login --check')).toEqual(['--check-code-file', '--check-code-stdin']);
    expect(await bashCompletes('gcis', 'gcis status --se')).toEqual(['--server']);
    expect(await bashCompletes('gcis', 'gcis totp show --')).toEqual(['--help', '--json', '--lang', '--secret', '--server']);
  });

  it('completes a flag’s allowed values, and an argument’s', async () => {
    expect(await bashCompletes('gcis', 'gcis login --method ')).toEqual(['cert', 'otp', 'push', 'totp']);
    expect(await bashCompletes('gcis', 'gcis completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('does not take a flag’s value for a subcommand, nor offer hidden flags', async () => {
    expect(await bashCompletes('gcis', 'gcis --server http://127.0.0.1:8470 st')).toEqual(['status']);
    expect(await bashCompletes('gcis', 'gcis agent --da')).toEqual([]);
  });

  it('completes gcis-server’s subcommands and flags too', async () => {
    expect(await bashCompletes('gcis-server', 'gcis-server crl ')).toEqual(['add', 'list']);
    expect(await bashCompletes('gcis-server', 'gcis-server start --fido-e')).toEqual(['--fido-emulator']);
    expect(await bashCompletes('gcis-server', 'gcis-server trust add --da')).toEqual(['--data', '--database']);
    expect(await bashCompletes('gcis-server', 'gcis-server account unlock --datab')).toEqual(['--database']);
    expect(await bashCompletes('gcis-server', 'gcis-server start --log-level ')).toEqual(['debug', 'error', 'fatal', 'info', 'warn']);
  });

  it('refuses an unknown shell with a usage error', async () => {
    const result = await execa('node', [cliBin, 'completion', 'powershell'], { reject: false });
    expect(result.exitCode).toBe(2);
  });
});

describe('gcis completion zsh and fish', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcis-completion-'));
  });

  it.each(['gcis', 'gcis-server'] as const)('%s: zsh and fish accept the scripts (zsh -n, fish -n)', async (program) => {
    for (const [shell, check] of [['zsh', ['zsh', '-n']], ['fish', ['fish', '-n']]] as const) {
      const file = join(dir, `${program}.${shell}`);
      writeFileSync(file, await script(program, shell));
      const result = await execa(check[0], [check[1], file], { reject: false });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    }
  });

  it('fish completes subcommands, nested subcommands, flags and values', async () => {
    const file = join(dir, 'gcis.fish');
    writeFileSync(file, await script('gcis', 'fish'));
    const complete = async (line: string) => {
      const { stdout } = await execa('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], { env: { HOME: dir, PATH: process.env.PATH ?? '' } });
      return stdout.split('\n').filter(Boolean).map((entry) => entry.split('\t')[0]).sort();
    };
    expect(await complete('gcis lo')).toEqual(['local-server', 'login', 'logout']);
    expect(await complete('gcis totp s')).toEqual(['show']);
    expect(await complete('gcis login --me')).toEqual(['--method']);
    expect(await complete('gcis login --method ')).toEqual(['cert', 'otp', 'push', 'totp']);
  });

  describe('zsh completes at a real prompt (tmux)', () => {
    let terminal: ReturnType<typeof startInTmux>;
    beforeAll(async () => {
      // A `gcis` on PATH and a .zshrc that loads the completion as the README says.
      const bin = join(dir, 'bin');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'gcis'), `#!/bin/sh\nexec node ${cliBin} "$@"\n`);
      chmodSync(join(bin, 'gcis'), 0o755);
      writeFileSync(join(dir, '.zshrc'), 'autoload -U compinit && compinit -u\nsource <(gcis completion zsh)\nPROMPT="zsh> "\n');
      terminal = startInTmux(['zsh', '-i'], { ZDOTDIR: dir, HOME: dir, PATH: `${bin}:${process.env.PATH ?? ''}` });
      await terminal.waitFor(/zsh> /);
    });
    afterAll(() => terminal?.kill());

    it('completes a nested subcommand and a flag with Tab', async () => {
      terminal.type('gcis totp sh');
      terminal.send('Tab');
      await terminal.waitFor(/zsh> gcis totp show/);
      terminal.type(' --sec');
      terminal.send('Tab');
      await terminal.waitFor(/zsh> gcis totp show --secret/);
    });
  });
});
