import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { readSecretFile } from '../io/readSecretFile.js';
import { readStdin } from '../io/readStdin.js';
import { readAccountAndPassword, requireAccountAndPassword, sendWithCaptcha } from './lib/passwordLogin.js';
import type { MethodLogin, MethodLoginOptions } from './methodLogin.js';
import type { Messages } from '../i18n/en.js';
import { messagesFor } from '../i18n/messages.js';


/**
 * `POST /v1/login/one-day-password`: account, password and the check code (檢查碼) an
 * administrator had mailed (README "Security model"). The code: --check-code-stdin >
 * --check-code-file > GCIS_CHECK_CODE > a masked prompt. `--code` is refused: the check code is
 * good until midnight, so it must not be on argv (README "Security notes").
 */
export const loginOneDayPassword: MethodLogin = async (options, deps) => {
  const t = messagesFor(deps.env);
  checkCodeFlags(options, t);
  if (!options.interactive) {
    requireAccountAndPassword(options, deps);
    if (!options.checkCodeStdin && !options.checkCodeFile && !deps.env.GCIS_CHECK_CODE) {
      throw missingInput(t.login.missingCheckCode, t.login.checkCodeSources, deps.env);
    }
  }
  const fromFile = options.checkCodeFile === undefined ? undefined : readSecretFile('--check-code-file', options.checkCodeFile, t);
  const { account, password } = await readAccountAndPassword(options, deps);
  const checkCode = fromFile ?? (await readCheckCode(options, deps, t));
  return sendWithCaptcha(options, deps, (client, captcha) =>
    client.loginOneDayPassword({ account, password, checkCode, ...(captcha && { captcha }) }),
  );
};

function checkCodeFlags({ code, checkCodeStdin, checkCodeFile, passwordStdin }: MethodLoginOptions, t: Messages): void {
  if (code !== undefined) {
    throw new GcisError('ERR_USAGE', t.login.codeNotCheckCode(t.login.checkCodeSources));
  }
  if (checkCodeStdin && passwordStdin) {
    throw new GcisError('ERR_USAGE', t.login.stdinOneSecret);
  }
  if (checkCodeStdin && checkCodeFile !== undefined) {
    throw new GcisError('ERR_USAGE', t.login.checkCodeOnce);
  }
}

async function readCheckCode(options: MethodLoginOptions, { env, prompts, stdin }: CliDeps, t: Messages): Promise<string> {
  if (options.checkCodeStdin) {
    const code = (await readStdin(stdin)).trim();
    if (!code) throw missingInput(t.login.missingCheckCode, t.login.nonEmptyCheckCodeSources(t.login.checkCodeSources), env);
    return code;
  }
  return env.GCIS_CHECK_CODE || (await prompts.password(t.login.checkCode));
}
