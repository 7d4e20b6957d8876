import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { readSecretFile } from '../io/readSecretFile.js';
import { readStdin } from '../io/readStdin.js';
import { readAccountAndPassword, requireAccountAndPassword, sendWithCaptcha } from './lib/passwordLogin.js';
import type { MethodLogin, MethodLoginOptions } from './methodLogin.js';

/** Where a check code may come from; never the command line, where it would sit in ps and shell history for a day. */
export const checkCodeSources = '--check-code-stdin, --check-code-file FILE (mode 0600) or GCIS_CHECK_CODE';

/**
 * `POST /v1/login/one-day-password`: account, password and the check code (檢查碼) an
 * administrator had mailed (README "Security model"). The code: --check-code-stdin >
 * --check-code-file > GCIS_CHECK_CODE > a masked prompt. `--code` is refused: the check code is
 * good until midnight, so it must not be on argv (README "Security notes").
 */
export const loginOneDayPassword: MethodLogin = async (options, deps) => {
  checkCodeFlags(options);
  if (!options.interactive) {
    requireAccountAndPassword(options, deps);
    if (!options.checkCodeStdin && !options.checkCodeFile && !deps.env.GCIS_CHECK_CODE) {
      throw missingInput('check code', checkCodeSources);
    }
  }
  const fromFile = options.checkCodeFile === undefined ? undefined : readSecretFile('--check-code-file', options.checkCodeFile);
  const { account, password } = await readAccountAndPassword(options, deps);
  const checkCode = fromFile ?? (await readCheckCode(options, deps));
  return sendWithCaptcha(options, deps, (client, captcha) =>
    client.loginOneDayPassword({ account, password, checkCode, ...(captcha && { captcha }) }),
  );
};

function checkCodeFlags({ code, checkCodeStdin, checkCodeFile, passwordStdin }: MethodLoginOptions): void {
  if (code !== undefined) {
    throw new GcisError('ERR_USAGE', `--code is for TOTP codes; give the check code with ${checkCodeSources}.`);
  }
  if (checkCodeStdin && passwordStdin) {
    throw new GcisError('ERR_USAGE', 'stdin holds one secret: use --password-stdin or --check-code-stdin, and GCIS_ or a file for the other.');
  }
  if (checkCodeStdin && checkCodeFile !== undefined) {
    throw new GcisError('ERR_USAGE', 'give the check code once: --check-code-stdin or --check-code-file.');
  }
}

async function readCheckCode(options: MethodLoginOptions, { env, prompts, stdin }: CliDeps): Promise<string> {
  if (options.checkCodeStdin) {
    const code = (await readStdin(stdin)).trim();
    if (!code) throw missingInput('check code', `a non-empty --check-code-stdin, or ${checkCodeSources}`);
    return code;
  }
  return env.GCIS_CHECK_CODE || (await prompts.password('Check code from the email (檢查碼)'));
}
