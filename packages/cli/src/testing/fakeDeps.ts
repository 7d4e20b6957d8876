import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { fixedClock } from '@gcis/core/ports';
import type { CliDeps, Env } from '../deps.js';
import type { Choice, Prompts } from '../io/prompts.js';

type Answer = string | Error;
export type ScriptedAnswers = { input?: Answer[]; password?: Answer[]; pin?: Answer[]; select?: Answer[] };

/** Prompts that answer from a script and record what was asked; an unscripted question fails the test. */
export function scriptedPrompts(answers: ScriptedAnswers = {}) {
  const asked: Array<{ kind: keyof ScriptedAnswers; message: string; choices?: string[] }> = [];
  const next = async (kind: keyof ScriptedAnswers, message: string, choices?: string[]): Promise<string> => {
    asked.push({ kind, message, ...(choices && { choices }) });
    const answer = answers[kind]?.shift();
    if (answer === undefined) throw new Error(`unexpected ${kind} prompt: ${message}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const prompts: Prompts = {
    input: (message) => next('input', message),
    password: (message) => next('password', message),
    async pin(message, { validate }) {
      const answer = await next('pin', message);
      const verdict = validate(answer);
      if (verdict !== true) throw new Error(`scripted PIN ${answer} fails the prompt's check: ${verdict}`);
      return answer;
    },
    async select<T extends string>(message: string, choices: readonly Choice<T>[]): Promise<T> {
      const values: string[] = choices.map((choice) => choice.value);
      const answer = await next('select', message, values);
      if (!values.includes(answer)) throw new Error(`scripted answer ${answer} is not among the choices`);
      return answer as T;
    },
  };
  return { prompts, asked };
}

/** What inquirer throws on Ctrl-C, by name, as exitCodes.ts recognises it. */
export function ctrlC(): Error {
  const error = new Error('User force closed the prompt with SIGINT');
  error.name = 'ExitPromptError';
  return error;
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gcis-cli-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

export type FakeDepsOptions = {
  env?: Env;
  /** A terminal on stdin, stdout and stderr (prompts allowed); false by default, as in CI. */
  tty?: boolean;
  stdin?: string;
  answers?: ScriptedAnswers;
  now?: string;
  configDir?: string;
  /** A fake card (testing/fakeCard.ts); without it the real PKCS#11 / HiPKI signers are used. */
  openSigner?: CliDeps['openSigner'];
};

/** Deps for a command under test: captured output, scripted prompts, a fixed clock that `sleep` moves. */
export async function fakeDeps({
  env = {},
  tty = false,
  stdin = '',
  answers,
  now = '2026-11-27T02:00:10Z',
  configDir,
  openSigner,
}: FakeDepsOptions = {}) {
  const stdout = capture();
  const stderr = capture();
  const clock = fixedClock(now);
  const sleeps: number[] = [];
  const { prompts, asked } = scriptedPrompts(answers);
  const deps: CliDeps = {
    env,
    stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
    stdout: stdout.stream,
    stderr: stderr.stream,
    isTTY: { stdin: tty, stdout: tty, stderr: tty },
    prompts,
    clock,
    async sleep(milliseconds) {
      sleeps.push(milliseconds);
      clock.set(clock.now().getTime() + milliseconds);
    },
    configDir: configDir ?? (await tempDir()),
    ...(openSigner && { openSigner }),
  };
  return { deps, clock, asked, sleeps, stdout: stdout.text, stderr: stderr.text };
}
