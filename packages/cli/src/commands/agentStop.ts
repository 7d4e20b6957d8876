import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { saySuccess } from '../output/say.js';
import { messagesFor } from '../i18n/messages.js';

/** `gcis agent stop`: ends the agent GCIS_AGENT_SOCK names; prints `unset GCIS_AGENT_SOCK;` for eval. */
export async function agentStop(deps: CliDeps): Promise<void> {
  const path = deps.env.GCIS_AGENT_SOCK;
  const t = messagesFor(deps.env);
  if (!path) throw new GcisError('ERR_AGENT', t.signing.noAgentToStop);
  const { requestAgent } = await import('../agent/requestAgent.js');
  await requestAgent(path, { op: 'stop' }, t);
  await saySuccess(deps, t.signing.agentStopped);
  deps.stdout.write('unset GCIS_AGENT_SOCK;\n');
}
