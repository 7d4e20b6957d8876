import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { canPrompt } from '../io/canPrompt.js';
import { availableLoginMethods, loginMethods, type CliLoginMethod } from '../login/loginMethods.js';
import type { MethodLoginOptions } from '../login/methodLogin.js';
import { formatLocalTime } from '../output/formatLocalTime.js';
import { saySuccess } from '../output/say.js';
import { revokeReplacedSession } from '../session/revokeReplacedSession.js';
import { openTokenStore } from '../session/tokenStore.js';

export type LoginOptions = Omit<MethodLoginOptions, 'interactive'> & {
  method?: CliLoginMethod;
  nonInteractive?: boolean;
  json?: boolean;
};

/**
 * `gcis login`: picks the method (`--method`, a picker on a terminal, or TOTP when a code or
 * secret is given), runs it, and keeps the session in the token store only once it succeeded;
 * the session it replaces there is ended on the server.
 */
export async function login(options: LoginOptions, deps: CliDeps): Promise<void> {
  const { method: chosen, nonInteractive, json, ...inputs } = options;
  const interactive = canPrompt(deps, nonInteractive);
  const method = chosen ?? (await pickMethod(options, deps, interactive));
  const { load, title } = loginMethods[method];
  if (!load) {
    const available = availableLoginMethods().join(', ');
    throw new GcisError('ERR_USAGE', `--method ${method} (${title}) is not available yet; available: ${available}.`);
  }
  const session = await (await load())({ ...inputs, interactive }, deps);
  const replaced = await openTokenStore(deps.configDir).save(options.server, session);
  if (replaced && replaced.token !== session.token) await revokeReplacedSession(options.server, replaced, deps);

  const { account, issuedAt, expiresAt } = session;
  const until = formatLocalTime(expiresAt);
  await saySuccess(deps, `Logged in to ${options.server} as ${account} (${session.method}), session until ${until}`);
  if (json) {
    const result = { account, method: session.method, issuedAt, expiresAt, server: options.server };
    deps.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

async function pickMethod(options: LoginOptions, deps: CliDeps, interactive: boolean): Promise<CliLoginMethod> {
  if (interactive) {
    const choices = availableLoginMethods().map((value) => ({ value, name: loginMethods[value].title }));
    return deps.prompts.select('How do you want to log in?', choices);
  }
  if (deps.env.GCIS_CHECK_CODE) return 'otp';
  if (options.code || deps.env.GCIS_TOTP_SECRET) return 'totp';
  if (options.pinFile || options.card || options.certificate || deps.env.GCIS_PIN || deps.env.GCIS_AGENT_SOCK) return 'cert';
  if (options.id || deps.env.GCIS_NATIONAL_ID) return 'push';
  throw missingInput('login method', `--method (${availableLoginMethods().join(', ')})`);
}
