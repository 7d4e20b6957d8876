import { GcisError } from '@gcis/core/errors';
import type { Signer } from '@gcis/core/smartcard';
import { fromWire } from './agentProtocol.js';
import { requestAgent } from './requestAgent.js';

/**
 * A Signer that asks the running `gcis agent` (GCIS_AGENT_SOCK) to sign: the agent holds the
 * card session and the PIN already given to it, so `sign` ignores the PIN it is handed.
 */
export function openAgentSigner(path: string): Signer {
  return {
    async listCertificates() {
      const { certificate } = await requestAgent(path, { op: 'certificate' });
      if (!certificate) throw new GcisError('ERR_AGENT', 'The gcis agent named no certificate');
      return [fromWire(certificate)];
    },
    async sign({ certificate, data }) {
      const reply = await requestAgent(path, { op: 'sign', data: Buffer.from(data).toString('base64') });
      if (!reply.signature || !reply.certificate || reply.certificate.certificate !== Buffer.from(certificate.certificate).toString('base64')) {
        throw new GcisError('ERR_AGENT', 'The gcis agent signed with another certificate than the one chosen');
      }
      return new Uint8Array(Buffer.from(reply.signature, 'base64'));
    },
    async close() {
      // Nothing held here: the agent keeps the session until its limits end it.
    },
  };
}
