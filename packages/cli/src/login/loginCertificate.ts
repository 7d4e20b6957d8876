import { signChallengeWithCard } from '../card/signChallengeWithCard.js';
import { withSpinner } from '../output/withSpinner.js';
import { loadClient } from '../session/loadClient.js';
import type { MethodLogin } from './methodLogin.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * `POST /v1/login/certificate` with the citizen digital certificate (自然人憑證): the card signs a
 * fresh challenge of this server (card/signChallengeWithCard.ts) and the server finds the account
 * bound to the certificate.
 */
export const loginCertificate: MethodLogin = async (options, deps) => {
  const client = await loadClient(deps, options.server);
  const { body } = await signChallengeWithCard(client, options, deps);
  return withSpinner(deps, messagesFor(deps.env).login.loggingIn(options.server), () => client.loginCertificate(body));
};
