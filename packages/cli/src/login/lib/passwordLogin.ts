import { isGcisError } from '@gcis/core/errors';
import type { CaptchaAnswer, Session } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../../deps.js';
import { missingInput } from '../../errors/missingInput.js';
import { readStdin } from '../../io/readStdin.js';
import { sayNote } from '../../output/say.js';
import { withSpinner } from '../../output/withSpinner.js';
import { loadClient } from '../../session/loadClient.js';
import type { MethodLoginOptions } from '../methodLogin.js';
import { solveCaptcha } from './solveCaptcha.js';
import { messagesFor } from '../../i18n/messages.js';

/** Without prompts, says which account or password source is missing before anything is sent. */
export function requireAccountAndPassword({ account, passwordStdin }: MethodLoginOptions, { env }: CliDeps): void {
  const { login } = messagesFor(env);
  if (!account && !env.GCIS_ACCOUNT) throw missingInput(login.missingAccount, '--account or GCIS_ACCOUNT', env);
  if (!passwordStdin && !env.GCIS_PASSWORD) throw missingInput(login.missingPassword, '--password-stdin or GCIS_PASSWORD', env);
}

/** Account: flag > GCIS_ACCOUNT > prompt. Password: --password-stdin > GCIS_PASSWORD > masked prompt. */
export async function readAccountAndPassword(
  options: MethodLoginOptions,
  deps: CliDeps,
): Promise<{ account: string; password: string }> {
  const { env, prompts } = deps;
  const { login } = messagesFor(env);
  const account = options.account || env.GCIS_ACCOUNT || (await prompts.input(login.account));
  let password: string;
  if (options.passwordStdin) {
    password = await readStdin(deps.stdin);
    if (!password) throw missingInput(login.missingPassword, login.nonEmptyPasswordSources, env);
  } else {
    password = env.GCIS_PASSWORD || (await prompts.password(login.password));
  }
  return { account, password };
}

/**
 * Sends a password login; when the server asks for a captcha (after failures, or always by
 * policy) and a person is there, draws one, asks for it and sends once more with the answer.
 * A refusal is uniform (the server never says whether the account is locked), so every
 * ERR_LOGIN_FAILED comes with the note on pauses and on the methods a pause does not touch.
 */
export async function sendWithCaptcha(
  options: MethodLoginOptions,
  deps: CliDeps,
  send: (client: GcisClient, captcha: CaptchaAnswer | undefined) => Promise<Session>,
): Promise<Session> {
  const client = await loadClient(deps, options.server);
  const { login } = messagesFor(deps.env);
  const attempt = (captcha?: CaptchaAnswer) =>
    withSpinner(deps, login.loggingIn(options.server), () => send(client, captcha));
  try {
    try {
      return await attempt();
    } catch (error) {
      if (!isGcisError(error, 'ERR_CAPTCHA_REQUIRED') || !options.interactive) throw error;
      return await attempt(await solveCaptcha(client, deps));
    }
  } catch (error) {
    if (isGcisError(error, 'ERR_LOGIN_FAILED')) sayNote(deps, login.lockNote);
    throw error;
  }
}
