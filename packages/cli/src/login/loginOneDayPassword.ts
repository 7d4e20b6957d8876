import { missingInput } from '../errors/missingInput.js';
import { readAccountAndPassword, requireAccountAndPassword, sendWithCaptcha } from './lib/passwordLogin.js';
import type { MethodLogin } from './methodLogin.js';

/**
 * `POST /v1/login/one-day-password`: account, password and the check code (檢查碼) an
 * administrator had mailed (README "Security model"). The code: --code > GCIS_CHECK_CODE > prompt.
 */
export const loginOneDayPassword: MethodLogin = async (options, deps) => {
  const { env, prompts } = deps;
  if (!options.interactive) {
    requireAccountAndPassword(options, deps);
    if (!options.code && !env.GCIS_CHECK_CODE) throw missingInput('check code', '--code or GCIS_CHECK_CODE');
  }
  const { account, password } = await readAccountAndPassword(options, deps);
  const checkCode = options.code || env.GCIS_CHECK_CODE || (await prompts.input('Check code from the email (檢查碼)'));
  return sendWithCaptcha(options, deps, (client, captcha) =>
    client.loginOneDayPassword({ account, password, checkCode, ...(captcha && { captcha }) }),
  );
};
