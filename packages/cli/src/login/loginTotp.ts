import { GcisError, isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { sayNote } from '../output/say.js';
import { readAccountAndPassword, requireAccountAndPassword, sendWithCaptcha } from './lib/passwordLogin.js';
import type { MethodLogin, MethodLoginOptions } from './methodLogin.js';
import { messagesFor } from '../i18n/messages.js';

const sixDigits = /^\d{6}$/;

/**
 * `POST /v1/login/totp`: account, password and a 6-digit code (RFC 6238; README "CI usage"). Each input comes
 * from its flag, then its GCIS_ variable, then a prompt; without prompts a missing one fails first.
 * Retries once after a captcha (interactive only) and once after a replayed code it computed itself.
 */
export const loginTotp: MethodLogin = async (options, deps) => {
  const t = messagesFor(deps.env);
  if (options.code !== undefined && !sixDigits.test(options.code)) {
    throw new GcisError('ERR_USAGE', t.login.totpCodeFlag(t.login.checkCodeSources));
  }
  if (!options.interactive) {
    requireAccountAndPassword(options, deps);
    if (!options.code && !deps.env.GCIS_TOTP_SECRET) throw missingInput(t.login.missingTotpCode, '--code or GCIS_TOTP_SECRET', deps.env);
  }
  const codes = await codeSource(options, deps);
  const { account, password } = await readAccountAndPassword(options, deps);
  let code = await codes.first();

  // A computed code is recomputed at sending time: solving a captcha can take a person past a step.
  const login = () =>
    sendWithCaptcha(options, deps, (client, captcha) =>
      client.loginTotp({ account, password, code: codes.computed?.current() ?? code, ...(captcha && { captcha }) }),
    );
  try {
    return await login();
  } catch (error) {
    if (!isGcisError(error, 'ERR_TOTP_REPLAY') || !codes.computed) throw error;
    code = await codes.computed.nextStep();
    return login();
  }
};

type CodeSource = {
  first(): Promise<string>;
  /** Present when gcis computes the codes itself from GCIS_TOTP_SECRET. */
  computed?: { current(): string; nextStep(): Promise<string> };
};

/** `--code` > a code computed from GCIS_TOTP_SECRET at the injected clock > a prompt. */
async function codeSource(options: MethodLoginOptions, deps: CliDeps): Promise<CodeSource> {
  const { env, clock, prompts } = deps;
  const t = messagesFor(env);
  const fixed = options.code;
  if (fixed) return { first: async () => fixed };
  if (!env.GCIS_TOTP_SECRET) {
    const validate = (value: string) => sixDigits.test(value) || t.login.totpCodeHint;
    return { first: () => prompts.input(t.login.totpCode, { validate }) };
  }
  const { decodeTotpSecret, generateTotp, secondsRemaining } = await import('@gcis/core/totp');
  const secret = decodeTotpSecret(env.GCIS_TOTP_SECRET);
  const current = () => generateTotp({ secret, now: clock.now() });
  return {
    first: async () => current(),
    computed: {
      current,
      async nextStep() {
        // Another login (an earlier CI step, a parallel job) used this step's code and the server
        // refuses it as a replay (RFC 6238 §5.2): only the next step's code can get in.
        const seconds = secondsRemaining(clock.now());
        sayNote(deps, t.login.totpReplayWait(seconds));
        await deps.sleep(seconds * 1000);
        return current();
      },
    },
  };
}
