import type { CliDeps } from '../deps.js';
import { missingInput } from '../errors/missingInput.js';
import { canPrompt } from '../io/canPrompt.js';
import { saySuccess } from '../output/say.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { checkCodeFlag, confirmTotpVersion } from '../totp/confirmTotpVersion.js';
import { printTotpKey } from '../totp/printTotpKey.js';

export type TotpConfirmOptions = { server: string; code?: string; json?: boolean; nonInteractive?: boolean };

/** `gcis totp confirm`: confirms a QR version that `gcis totp rebuild` left pending. */
export async function totpConfirm(options: TotpConfirmOptions, deps: CliDeps): Promise<void> {
  const { server, code, json } = options;
  checkCodeFlag(code);
  if (code === undefined && !canPrompt(deps, options.nonInteractive)) {
    throw missingInput('code of the new QR version', '--code');
  }
  const { token } = await resolveToken(server, deps);
  const client = await loadClient(deps, server, token);
  const confirmed = await withStepUpHint(server, 'Confirming a new QR code', () => confirmTotpVersion(client, { code }, deps));
  await saySuccess(deps, `QR version ${confirmed.version} is active; codes from older versions no longer work`);
  if (json) await printTotpKey(confirmed, { json }, deps);
  else deps.stdout.write(`version ${confirmed.version}\n`);
}
