import { GcisError } from '@gcis/core/errors';
import type { CardCertificate } from '@gcis/core/smartcard';
import { parseDuration } from '../agent/parseDuration.js';
import type { CardOptions } from '../card/cardOptions.js';
import { explainPinError } from '../card/pinWarnings.js';
import { unlockCard } from '../card/unlockCard.js';
import type { CliDeps } from '../deps.js';
import { canPrompt } from '../io/canPrompt.js';
import { readStdin } from '../io/readStdin.js';
import { sayNote } from '../output/say.js';
import { messagesFor } from '../i18n/messages.js';

export type AgentOptions = CardOptions & {
  lifetime?: string;
  idle?: string;
  maxSignatures?: string;
  /** Stay in front until the agent ends (like ssh-agent -D); default: leave it running in the background. */
  foreground?: boolean;
  /** Internal: the background copy, PIN on stdin, silent once ready. */
  daemonChild?: boolean;
  nonInteractive?: boolean;
};

export const agentDefaults = { lifetime: '15m', idle: '5m', maxSignatures: '100' } as const;

/**
 * `gcis agent`: one PIN entry, then a Unix-socket agent that signs for `gcis sign` and
 * `gcis login --method cert` (GCIS_AGENT_SOCK) until its lifetime, idle time or signature count
 * runs out, the card leaves the reader, or `gcis agent stop`. Prints the eval line on stdout.
 */
export async function agent(options: AgentOptions, deps: CliDeps): Promise<void> {
  const t = messagesFor(deps.env);
  if (options.signer === 'hipki') throw new GcisError('ERR_USAGE', t.signing.agentNoHipki);
  const limits = {
    lifetimeSeconds: parseDuration(options.lifetime ?? agentDefaults.lifetime, '--lifetime', t),
    idleSeconds: parseDuration(options.idle ?? agentDefaults.idle, '--idle', t),
    maxSignatures: Number(options.maxSignatures ?? agentDefaults.maxSignatures),
  };
  if (!Number.isInteger(limits.maxSignatures) || limits.maxSignatures < 1) throw new GcisError('ERR_USAGE', t.signing.maxSignatures);

  // An agent already running must not answer for the new one: read the card itself.
  const own = { ...deps, env: { ...deps.env, GCIS_AGENT_SOCK: undefined } };
  const { certificate, pin } = options.daemonChild ? await childCard(options, own) : await readCard(options, own);

  if (!options.foreground && !options.daemonChild) {
    const { spawnAgentDaemon } = await import('../agent/spawnAgentDaemon.js');
    const args = ['--card', certificate.tokenSerial, '--certificate', certificate.keyId, '--lifetime', `${limits.lifetimeSeconds}`, '--idle', `${limits.idleSeconds}`, '--max-signatures', `${limits.maxSignatures}`];
    if (options.pkcs11Module) args.push('--pkcs11-module', options.pkcs11Module);
    deps.stdout.write(await spawnAgentDaemon(args, pin, own));
    return;
  }

  const { isPinError, openPkcs11Session } = await import('@gcis/core/smartcard');
  const session = await openPkcs11Session({ certificate, pin, env: deps.env, optionName: '--pkcs11-module', ...(options.pkcs11Module && { modulePath: options.pkcs11Module }) }).catch((error: unknown) => {
    throw isPinError(error) ? explainPinError(error, t) : error;
  });
  const { makeAgentSocketPath } = await import('../agent/agentSocket.js');
  const { startAgent } = await import('../agent/startAgent.js');
  const running = await startAgent({ session, socketPath: await makeAgentSocketPath(deps.env), limits, clock: deps.clock });
  deps.stdout.write(`GCIS_AGENT_SOCK=${shellWord(running.socketPath)}; export GCIS_AGENT_SOCK; echo gcis agent pid ${process.pid};\n`);
  const unsubscribe = deps.onInterrupt?.(() => void running.stop());
  const reason = await running.ended;
  unsubscribe?.();
  if (!options.daemonChild) sayNote(deps, t.signing.agentEnded(reason));
}

/** The certificate and PIN, asked here: the card read, the certificate chosen, the PIN warnings shown. */
async function readCard(options: AgentOptions, deps: CliDeps): Promise<{ certificate: CardCertificate; pin: string }> {
  const { signer, certificate, pin } = await unlockCard({ ...options, interactive: canPrompt(deps, options.nonInteractive) }, deps);
  await signer.close();
  return { certificate, pin };
}

/** The background copy: the certificate named by --card/--certificate, the PIN on stdin. */
async function childCard(options: AgentOptions, deps: CliDeps): Promise<{ certificate: CardCertificate; pin: string }> {
  const pin = (await readStdin(deps.stdin)).replace(/\r?\n$/, '');
  const { signer, certificate } = await unlockCard({ ...options, pinFile: undefined, interactive: false }, { ...deps, env: { ...deps.env, GCIS_PIN: pin } });
  await signer.close();
  return { certificate, pin };
}

/** A path as one word for `eval`: quoted only when it holds characters the shell would split or expand. */
const shellWord = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);
