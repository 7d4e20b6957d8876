import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../lib/canPrompt.js';
import { formatLocalTime } from '../lib/formatLocalTime.js';
import {
  availableLoginMethods,
  loginMethods,
  type CliLoginMethod,
  type MethodLoginOptions,
} from '../lib/loginMethods.js';
import { missingInput } from '../lib/missingInput.js';
import { revokeReplacedSession } from '../lib/revokeReplacedSession.js';
import { saySuccess } from '../lib/say.js';
import { openTokenStore } from '../tokenStore.js';
import { messagesFor } from '../i18n/messages.js';
import { displayWidth, padDisplay } from '@gcis/core/i18n/terminal';

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
  const t = messagesFor(deps.env);
  const method = chosen ?? (await pickMethod(options, deps, interactive));
  const { load } = loginMethods[method];
  if (!load) {
    const available = availableLoginMethods().join(', ');
    throw new GcisError('ERR_USAGE', t.login.methodUnavailable(method, t.login.methods[method][0], available));
  }
  const session = await (await load())({ ...inputs, interactive }, deps);
  const replaced = await openTokenStore(deps.configDir).save(options.server, session);
  if (replaced && replaced.token !== session.token) await revokeReplacedSession(options.server, replaced, deps);

  const { account, issuedAt, expiresAt } = session;
  const until = formatLocalTime(expiresAt);
  await saySuccess(deps, t.login.loggedIn(options.server, account, session.method, until));
  if (json) {
    const result = { account, method: session.method, issuedAt, expiresAt, server: options.server };
    deps.stdout.write(`${JSON.stringify(result)}\n`);
  }
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
