import { GcisError } from '@gcis/core/errors';
import type { CliDeps } from '../deps.js';
import { saySuccess } from '../output/say.js';

/** `gcis agent stop`: ends the agent GCIS_AGENT_SOCK names; prints `unset GCIS_AGENT_SOCK;` for eval. */
export async function agentStop(deps: CliDeps): Promise<void> {
  const path = deps.env.GCIS_AGENT_SOCK;
  if (!path) throw new GcisError('ERR_AGENT', 'GCIS_AGENT_SOCK is not set: no agent to stop');
  const { requestAgent } = await import('../agent/requestAgent.js');
  await requestAgent(path, { op: 'stop' });
  await saySuccess(deps, 'The gcis agent has stopped and closed the card session');
  deps.stdout.write('unset GCIS_AGENT_SOCK;\n');
}
