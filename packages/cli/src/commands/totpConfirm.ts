import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { canPrompt } from '../io/canPrompt.js';
import { saySuccess } from '../output/say.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { checkCodeFlag, confirmTotpVersion } from '../totp/confirmTotpVersion.js';
import { printTotpKey } from '../totp/printTotpKey.js';
import { messagesFor } from '../i18n/messages.js';

export type TotpConfirmOptions = { server: string; code?: string; json?: boolean; nonInteractive?: boolean };

/** `gcis totp confirm`: confirms a QR version that `gcis totp rebuild` left pending. */
export async function totpConfirm(options: TotpConfirmOptions, deps: CliDeps): Promise<void> {
  const { server, code, json } = options;
  const t = messagesFor(deps.env);
  checkCodeFlag(code, t);
  if (code === undefined && !canPrompt(deps, options.nonInteractive)) {
    throw missingInput(t.totp.missingCode, '--code', deps.env);
  }
  const { token } = await resolveToken(server, deps);
  const client = await loadClient(deps, server, token);
  const confirmed = await withStepUpHint(server, t.totp.actionConfirm, () => confirmTotpVersion(client, { code }, deps), t);
  await saySuccess(deps, t.totp.active(confirmed.version));
  if (json) await printTotpKey(confirmed, { json }, deps);
  else deps.stdout.write(`${t.totp.version(confirmed.version, false)}\n`);
}
