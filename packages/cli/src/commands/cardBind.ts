import type { CardOptions } from '../card/cardOptions.js';
import { signChallengeWithCard } from '../card/signChallengeWithCard.js';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { withStepUpHint } from '../session/stepUpHint.js';
import { messagesFor } from '../i18n/messages.js';
import { alignLabels } from '@gcis/core/i18n/terminal';

export type CardBindOptions = CardOptions & { server: string; nonInteractive?: boolean; json?: boolean };

/**
 * `gcis card bind`: while logged in another way, proves possession of the card by signing a fresh
 * challenge (`POST /v1/certificate/bind`), so that `gcis login --method cert` finds this account.
 */
export async function cardBind(options: CardBindOptions, deps: CliDeps): Promise<void> {
  const { server, json } = options;
  const { token } = await resolveToken(server, deps);
  const client = await loadClient(deps, server, token);
  const { body } = await signChallengeWithCard(client, { ...options, interactive: canPrompt(deps, options.nonInteractive) }, deps);
  const t = messagesFor(deps.env);
  const bound = await withStepUpHint(
    server,
    t.totp.actionBind,
    () => withSpinner(deps, t.card.binding(server), () => client.bindCertificate(body)),
    t,
  );
  await saySuccess(deps, t.card.bound(bound.name, server, bound.account));
  deps.stdout.write(
    json ? `${JSON.stringify(bound)}\n`
    : alignLabels([
        [t.session.labels.account, bound.account],
        [t.card.labels.name, bound.name],
        [t.card.labels.issuer, bound.issuer],
        [t.card.labels.serial, bound.serialNumber],
        [t.card.labels.thumbprint, bound.thumbprint],
      ]).join('\n') + '\n',
  );
}
