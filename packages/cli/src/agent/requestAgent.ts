import { createConnection } from 'node:net';
import { GcisError, isGcisErrorCode } from '@gcis/core/errors';
import { maxRequestBytes, type AgentReply, type AgentRequest } from './agentProtocol.js';
import { assertOwnAgentSocket } from './agentSocket.js';

/** How long a reply may take: a card takes about a second per signature. */
const replyTimeoutMs = 30_000;

/**
 * Sends one request to the agent at `path` and returns its reply; a refusal becomes the
 * GcisError it names. The socket's owner and folder mode are checked first.
 */
export async function requestAgent(path: string, request: AgentRequest): Promise<Extract<AgentReply, { ok: true }>> {
  assertOwnAgentSocket(path);
  const line = await new Promise<string>((resolve, reject) => {
    const socket = createConnection(path);
    let received = '';
    const failed = (cause: Error) => reject(new GcisError('ERR_AGENT', `The gcis agent at ${path} did not answer: ${cause.message}`, { cause }));
    socket.setTimeout(replyTimeoutMs, () => socket.destroy(new Error('timed out')));
    socket.on('error', failed);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\n');
      if (end >= 0) {
        socket.end();
        resolve(received.slice(0, end));
      } else if (received.length > maxRequestBytes) socket.destroy(new Error('reply too long'));
    });
    socket.on('end', () => failed(new Error('connection closed (the agent has ended)')));
    socket.write(`${JSON.stringify(request)}\n`);
  });
  let reply: AgentReply;
  try {
    reply = JSON.parse(line) as AgentReply;
  } catch (cause) {
    throw new GcisError('ERR_AGENT', `The gcis agent at ${path} sent a reply that is not JSON`, { cause });
  }
  if (!reply.ok) throw new GcisError(isGcisErrorCode(reply.code) ? reply.code : 'ERR_AGENT', reply.message);
  return reply;
}
