import type { CardOptions } from '../card/cardOptions.js';
import { signChallengeWithCard } from '../card/signChallengeWithCard.js';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { saySuccess } from '../output/say.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import { resolveToken } from '../session/resolveToken.js';
import { withStepUpHint } from '../session/stepUpHint.js';

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
  const bound = await withStepUpHint(server, 'Binding a card', () =>
    withSpinner(deps, `Binding the certificate at ${server}`, () => client.bindCertificate(body)),
  );
  await saySuccess(deps, `The certificate of ${bound.name} now logs in to ${server} as ${bound.account}`);
  deps.stdout.write(
    json ? `${JSON.stringify(bound)}\n`
    : [
        `account     ${bound.account}`,
        `name        ${bound.name}`,
        `issuer      ${bound.issuer}`,
        `serial      ${bound.serialNumber}`,
        `thumbprint  ${bound.thumbprint}`,
      ].join('\n') + '\n',
  );
}
