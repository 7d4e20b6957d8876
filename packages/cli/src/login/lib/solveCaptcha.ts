import type { CaptchaAnswer } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import type { CliDeps } from '../../deps.js';
import { messagesFor } from '../../i18n/messages.js';

/** Fetches a captcha, draws it on stderr and asks for the digits it shows. */
export async function solveCaptcha(client: GcisClient, deps: CliDeps): Promise<CaptchaAnswer> {
  const [challenge, { renderCaptchaForTerminal }] = await Promise.all([
    client.captcha(),
    import('@gcis/core/captcha'),
  ]);
  const { login } = messagesFor(deps.env);
  deps.stderr.write(`\n${login.captchaIntro}\n\n${renderCaptchaForTerminal(Buffer.from(challenge.image, 'base64'))}\n\n`);
  const answer = await deps.prompts.input(login.captchaPrompt);
  return { id: challenge.id, answer };
}
