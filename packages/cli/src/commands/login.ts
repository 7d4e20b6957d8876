import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { canPrompt } from '../io/canPrompt.js';
import { availableLoginMethods, loginMethods, type CliLoginMethod } from '../login/loginMethods.js';
import type { MethodLoginOptions } from '../login/methodLogin.js';
import { keepSession } from '../session/keepSession.js';
import { loginWithToken } from './loginWithToken.js';
import { checkAlias } from './use.js';

export type LoginOptions = Omit<MethodLoginOptions, 'interactive'> & {
  method?: CliLoginMethod;
  nonInteractive?: boolean;
  json?: boolean;
  /** A name for this server, for `--server NAME` and `gcis use NAME`. */
  alias?: string;
  /** Keep a token read from stdin instead of logging in (commands/loginWithToken.ts). */
  withToken?: boolean;
};

/**
 * `gcis login`: picks the method (`--method`, a picker on a terminal, or TOTP when a code or
 * secret is given), runs it, and keeps the session in the token store only once it succeeded;
 * the session it replaces there is ended on the server.
 */
export async function login(options: LoginOptions, deps: CliDeps): Promise<void> {
  const { method: chosen, nonInteractive, json, alias, withToken, ...inputs } = options;
  if (alias !== undefined) checkAlias(alias);
  if (withToken) return loginWithToken({ server: options.server, json, alias }, deps);
  const interactive = canPrompt(deps, nonInteractive);
  const method = chosen ?? (await pickMethod(options, deps, interactive));
  const { load, title } = loginMethods[method];
  if (!load) {
    const available = availableLoginMethods().join(', ');
    throw new GcisError('ERR_USAGE', `--method ${method} (${title}) is not available yet; available: ${available}.`);
  }
  const session = await (await load())({ ...inputs, interactive }, deps);
  await keepSession(options.server, session, { json, alias }, deps);
}

async function pickMethod(options: LoginOptions, deps: CliDeps, interactive: boolean): Promise<CliLoginMethod> {
  if (interactive) {
    const choices = availableLoginMethods().map((value) => ({ value, name: loginMethods[value].title }));
    return deps.prompts.select('How do you want to log in?', choices);
  }
  if (options.checkCodeStdin || options.checkCodeFile !== undefined || deps.env.GCIS_CHECK_CODE) return 'otp';
  if (options.code || deps.env.GCIS_TOTP_SECRET) return 'totp';
  if (options.pinFile || options.card || options.certificate || deps.env.GCIS_PIN || deps.env.GCIS_AGENT_SOCK) return 'cert';
  if (options.id || deps.env.GCIS_NATIONAL_ID) return 'push';
  throw missingInput('login method', `--method (${availableLoginMethods().join(', ')})`);
}
