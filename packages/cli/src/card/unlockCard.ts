import type { Signer } from '@gcis/core/smartcard';
import type { CliDeps } from '../deps.js';
import { withSpinner } from '../output/withSpinner.js';
import type { CardOptions } from './cardOptions.js';
import { chooseCardCertificate } from './chooseCardCertificate.js';
import { describeCardCertificates, type DescribedCertificate } from './describeCardCertificates.js';
import { openSigner } from './openSigner.js';
import { checkPinStatus } from './pinWarnings.js';
import { pinSource, readPin } from './readPin.js';
import { messagesFor } from '../i18n/messages.js';

/** A card ready to sign: the signer, the chosen certificate, every certificate listed and the PIN (empty through the agent, which holds its own). */
export type UnlockedCard = { signer: Signer; certificate: DescribedCertificate; listed: DescribedCertificate[]; pin: string; viaAgent: boolean };

/**
 * The steps before a card signature, shared by login, `card bind`, `sign` and `agent`: with
 * GCIS_AGENT_SOCK set (and no `--signer hipki`), the running agent's certificate and no PIN;
 * else the PIN source settled first (so a run without a terminal fails fast), the card read,
 * the certificate chosen, a locked card refused and the tries-left warning shown, then the PIN.
 * The caller closes `signer`.
 */
export async function unlockCard(options: CardOptions & { interactive: boolean }, deps: CliDeps): Promise<UnlockedCard> {
  const agentSocket = options.signer === 'hipki' ? undefined : deps.env.GCIS_AGENT_SOCK;
  if (agentSocket) {
    const { openAgentSigner } = await import('../agent/openAgentSigner.js');
    const signer = openAgentSigner(agentSocket, messagesFor(deps.env));
    const listed = await describeCardCertificates(await signer.listCertificates());
    return { signer, certificate: await chooseCardCertificate(listed, options, deps, false), listed, pin: '', viaAgent: true };
  }
  const source = pinSource(options.pinFile, deps, options.interactive);
  const signer = await openSigner(options, deps);
  try {
    const t = messagesFor(deps.env);
    const listed = await describeCardCertificates(await withSpinner(deps, t.card.readingOne, () => signer.listCertificates()));
    const certificate = await chooseCardCertificate(listed, options, deps, options.interactive);
    await checkPinStatus(certificate, deps);
    const { moicaPinLength } = await import('@gcis/core/smartcard');
    const message = t.card.pinPrompt(certificate.tokenSerial, certificate.commonName);
    const pin = await readPin(source, { message, digits: moicaPinLength }, deps);
    return { signer, certificate, listed, pin, viaAgent: false };
  } catch (error) {
    await signer.close();
    throw error;
  }
}
