import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { canPrompt } from '../io/canPrompt.js';
import { availableLoginMethods, loginMethods, type CliLoginMethod } from '../login/loginMethods.js';
import type { MethodLoginOptions } from '../login/methodLogin.js';
import { keepSession } from '../session/keepSession.js';
import { loginWithToken } from './loginWithToken.js';
import { checkAlias } from './use.js';
import { messagesFor } from '../i18n/messages.js';
import { displayWidth, padDisplay } from '@gcis/core/i18n/terminal';

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
  const t = messagesFor(deps.env);
  if (alias !== undefined) checkAlias(alias, t);
  if (withToken) return loginWithToken({ server: options.server, json, alias }, deps);
  const interactive = canPrompt(deps, nonInteractive);
  const method = chosen ?? (await pickMethod(options, deps, interactive));
  const { load } = loginMethods[method];
  if (!load) {
    const available = availableLoginMethods().join(', ');
    throw new GcisError('ERR_USAGE', t.login.methodUnavailable(method, t.login.methods[method][0], available));
  }
  const session = await (await load())({ ...inputs, interactive }, deps);
  await keepSession(options.server, session, { json, alias }, deps);
}

async function pickMethod(options: LoginOptions, deps: CliDeps, interactive: boolean): Promise<CliLoginMethod> {
  const t = messagesFor(deps.env);
  if (interactive) {
    // name and what it asks for in two columns, lined up in terminal columns (一日密碼 is 8 wide)
    const available = availableLoginMethods();
    const width = Math.max(...available.map((method) => displayWidth(t.login.methods[method][0])));
    const choices = available.map((value) => {
      const [name, asks] = t.login.methods[value];
      return { value, name: `${padDisplay(name, width)}  ${asks}` };
    });
    return deps.prompts.select(t.login.pickMethod, choices);
  }
  if (options.checkCodeStdin || options.checkCodeFile !== undefined || deps.env.GCIS_CHECK_CODE) return 'otp';
  if (options.code || deps.env.GCIS_TOTP_SECRET) return 'totp';
  if (options.pinFile || options.card || options.certificate || deps.env.GCIS_PIN || deps.env.GCIS_AGENT_SOCK) return 'cert';
  if (options.id || deps.env.GCIS_NATIONAL_ID) return 'push';
  throw missingInput(t.login.missingMethod, `--method (${availableLoginMethods().join(', ')})`, deps.env);
}
