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

/** Without prompts, says which account or password source is missing before anything is sent. */
export function requireAccountAndPassword({ account, passwordStdin }: MethodLoginOptions, { env }: CliDeps): void {
  if (!account && !env.GCIS_ACCOUNT) throw missingInput('account', '--account or GCIS_ACCOUNT');
  if (!passwordStdin && !env.GCIS_PASSWORD) throw missingInput('password', '--password-stdin or GCIS_PASSWORD');
}

/** Account: flag > GCIS_ACCOUNT > prompt. Password: --password-stdin > GCIS_PASSWORD > masked prompt. */
export async function readAccountAndPassword(
  options: MethodLoginOptions,
  deps: CliDeps,
): Promise<{ account: string; password: string }> {
  const { env, prompts } = deps;
  const account = options.account || env.GCIS_ACCOUNT || (await prompts.input('Account'));
  let password: string;
  if (options.passwordStdin) {
    password = await readStdin(deps.stdin);
    if (!password) throw missingInput('password', 'a non-empty --password-stdin or GCIS_PASSWORD');
  } else {
    password = env.GCIS_PASSWORD || (await prompts.password('Password'));
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
  const attempt = (captcha?: CaptchaAnswer) =>
    withSpinner(deps, `Logging in to ${options.server}`, () => send(client, captcha));
  try {
    try {
      return await attempt();
    } catch (error) {
      if (!isGcisError(error, 'ERR_CAPTCHA_REQUIRED') || !options.interactive) throw error;
      return await attempt(await solveCaptcha(client, deps));
    }
  } catch (error) {
    if (isGcisError(error, 'ERR_LOGIN_FAILED')) sayNote(deps, lockNote);
    throw error;
  }
}

const lockNote =
  'repeated failed password logins pause password logins for this account for a while (longer each time, ' +
  'from your address or, under a wide attack, from everywhere); certificate and push login keep working: ' +
  'gcis login --method cert | --method push';
