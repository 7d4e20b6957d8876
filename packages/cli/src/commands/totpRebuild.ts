import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { checkCodeFlag } from '../totp/confirmTotpVersion.js';
import { enrolTotpVersion } from '../totp/enrolTotpVersion.js';
import { messagesFor } from '../i18n/messages.js';

export type TotpRebuildOptions = { server: string; code?: string; json?: boolean; nonInteractive?: boolean };

/**
 * `gcis totp rebuild`: makes QR version N+1, shows it, and confirms it with a code from it.
 * Version N keeps working until the confirmation succeeds.
 */
export async function totpRebuild(options: TotpRebuildOptions, deps: CliDeps): Promise<void> {
  checkCodeFlag(options.code, messagesFor(deps.env));
  const { token } = await resolveToken(options.server, deps);
  const client = await loadClient(deps, options.server, token);
  await enrolTotpVersion(client, { ...options, interactive: canPrompt(deps, options.nonInteractive) }, deps);
}
