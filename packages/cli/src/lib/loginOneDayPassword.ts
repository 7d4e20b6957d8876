import type { MethodLogin } from './loginMethods.js';
import { missingInput } from './missingInput.js';
import { readAccountAndPassword, requireAccountAndPassword, sendWithCaptcha } from './passwordLogin.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * `POST /v1/login/one-day-password`: account, password and the check code (檢查碼) an
 * administrator had mailed (DESIGN.md "One-day password"). The code: --code > GCIS_CHECK_CODE > prompt.
 */
export const loginOneDayPassword: MethodLogin = async (options, deps) => {
  const { env, prompts } = deps;
  const t = messagesFor(env);
  if (!options.interactive) {
    requireAccountAndPassword(options, deps);
    if (!options.code && !env.GCIS_CHECK_CODE) throw missingInput(t.login.missingCheckCode, '--code or GCIS_CHECK_CODE', env);
  }
  const { account, password } = await readAccountAndPassword(options, deps);
  const checkCode = options.code || env.GCIS_CHECK_CODE || (await prompts.input(t.login.checkCode));
  return sendWithCaptcha(options, deps, (client, captcha) =>
    client.loginOneDayPassword({ account, password, checkCode, ...(captcha && { captcha }) }),
  );
};
