import { isGcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { sayNote } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { enrolTotpVersion } from '../totp/enrolTotpVersion.js';
import { printTotpKey } from '../totp/printTotpKey.js';
import { messagesFor } from '../i18n/messages.js';

export type TotpShowOptions = { server: string; secret?: boolean; json?: boolean; nonInteractive?: boolean };

/**
 * `gcis totp show`: the current QR code (`GET /v1/totp`), e.g. to add the account to a new phone.
 * It needs a recent TOTP, card or push login (step-up). An account without one gets QR version 1
 * made and shown: the portal's "log in another way first, then show the QR" enrolment.
 */
export async function totpShow(options: TotpShowOptions, deps: CliDeps): Promise<void> {
  const { server, secret, json } = options;
  const { token } = await resolveToken(server, deps);
  const client = await loadClient(deps, server, token);
  const t = messagesFor(deps.env);
  try {
    const fetchKey = () => withSpinner(deps, t.totp.fetching(server), () => client.totpShow());
    const key = await withStepUpHint(server, t.totp.actionShow, fetchKey, t);
    await printTotpKey(key, { json, showSecret: secret }, deps);
  } catch (error) {
    if (!isGcisError(error, 'ERR_TOTP_NOT_ENROLLED')) throw error;
    sayNote(deps, t.totp.firstKey);
    await enrolTotpVersion(client, { server, json, interactive: canPrompt(deps, options.nonInteractive) }, deps);
  }
}
