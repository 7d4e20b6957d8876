import { GcisError, isGcisError } from '@gcis/core';
import type { CaptchaAnswer } from '@gcis/core/api';
import type { CliDeps } from '../deps.js';
import type { MethodLogin, MethodLoginOptions } from './loginMethods.js';
import { missingInput } from './missingInput.js';
import { loadClient } from './loadClient.js';
import { readStdin } from './readStdin.js';
import { sayNote } from './say.js';
import { solveCaptcha } from './solveCaptcha.js';
import { withSpinner } from './withSpinner.js';

/**
 * `POST /v1/login/totp`: account, password and a 6-digit code (DESIGN.md "TOTP"). Each input comes
 * from its flag, then its GCIS_ variable, then a prompt; without prompts a missing one fails first.
 * Retries once after a captcha (interactive only) and once after a replayed code it computed itself.
 */
export const loginTotp: MethodLogin = async (options, deps) => {
  const { env, prompts } = deps;
  if (options.code !== undefined && !/^\d{6}$/.test(options.code)) {
    throw new GcisError('ERR_USAGE', '--code takes the 6 digits your authenticator app shows.');
  }
  if (!options.interactive) requireInputs(options, deps);
  const codes = await codeSource(options, deps);

  const account = options.account || env.GCIS_ACCOUNT || (await prompts.input('Account'));
  const password = options.passwordStdin
    ? await readPasswordFromStdin(deps)
    : env.GCIS_PASSWORD || (await prompts.password('Password'));
  let code = await codes.first();

  const client = await loadClient(options.server);
  let captcha: CaptchaAnswer | undefined;
  let captchaSolved = false;
  let stepWaited = false;
  for (;;) {
    try {
      const request = { account, password, code, ...(captcha && { captcha }) };
      return await withSpinner(deps, `Logging in to ${options.server}`, () => client.loginTotp(request));
    } catch (error) {
      captcha = undefined; // single use, whatever the outcome
      if (isGcisError(error, 'ERR_CAPTCHA_REQUIRED') && options.interactive && !captchaSolved) {
        captchaSolved = true;
        captcha = await solveCaptcha(client, deps);
        if (codes.computed) code = codes.computed.current(); // solving took time
        continue;
      }
      if (isGcisError(error, 'ERR_TOTP_REPLAY') && codes.computed && !stepWaited) {
        stepWaited = true;
        code = await codes.computed.nextStep();
        continue;
      }
      throw error;
    }
  }
};

function requireInputs({ account, passwordStdin, code }: MethodLoginOptions, { env }: CliDeps) {
  if (!account && !env.GCIS_ACCOUNT) throw missingInput('account', '--account or GCIS_ACCOUNT');
  if (!passwordStdin && !env.GCIS_PASSWORD) throw missingInput('password', '--password-stdin or GCIS_PASSWORD');
  if (!code && !env.GCIS_TOTP_SECRET) throw missingInput('TOTP code', '--code or GCIS_TOTP_SECRET');
}

async function readPasswordFromStdin({ stdin }: CliDeps): Promise<string> {
  const password = await readStdin(stdin);
  if (!password) throw missingInput('password', 'a non-empty --password-stdin or GCIS_PASSWORD');
  return password;
}

type CodeSource = {
  first(): Promise<string>;
  /** Present when gcis computes the codes itself from GCIS_TOTP_SECRET. */
  computed?: { current(): string; nextStep(): Promise<string> };
};

/** `--code` > a code computed from GCIS_TOTP_SECRET at the injected clock > a prompt. */
async function codeSource(options: MethodLoginOptions, deps: CliDeps): Promise<CodeSource> {
  const { env, clock, prompts } = deps;
  const fixed = options.code;
  if (fixed) return { first: async () => fixed };
  if (!env.GCIS_TOTP_SECRET) {
    const validate = (value: string) => /^\d{6}$/.test(value) || 'The 6 digits your authenticator app shows';
    return { first: () => prompts.input('Code from your authenticator app', { validate }) };
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
        sayNote(deps, `this TOTP code was already used by another login; waiting ${seconds} s for the next one`);
        await deps.sleep(seconds * 1000);
        return current();
      },
    },
  };
}
