import { chmod, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Clock } from '@gcis/core/ports';
import type { Pkcs11Session } from '@gcis/core/smartcard';
import { maxRequestBytes, toWire, type AgentReply, type AgentRequest } from './agentProtocol.js';

export type AgentLimits = {
  /** The agent ends this long after it started, whatever happens. */
  lifetimeSeconds: number;
  /** …or after this long without a signature. */
  idleSeconds: number;
  /** …or once it has made this many signatures. */
  maxSignatures: number;
};

/** Why the agent ended. */
export type AgentEnd = 'lifetime' | 'idle' | 'count' | 'card-removed' | 'stopped';

export type AgentOptions = {
  session: Pick<Pkcs11Session, 'certificate' | 'sign' | 'cardPresent' | 'close'>;
  /** Inside a folder only this user can enter (agentSocket.ts); the socket is made 0600. */
  socketPath: string;
  limits: AgentLimits;
  clock: Clock;
  /** How often the limits and the card's presence are checked; default 1000. */
  pollIntervalMs?: number;
  /** One line per event (never data or signatures). */
  log?: (line: string) => void;
};

export type RunningAgent = {
  socketPath: string;
  /** Resolves once the agent has closed its socket and the card session. */
  ended: Promise<AgentEnd>;
  stop(): Promise<AgentEnd>;
};

/** Connections served at once; a client holds one for a single request. */
const maxConnections = 16;
const connectionIdleMs = 10_000;

/**
 * The card agent (like ssh-agent): serves `certificate`, `sign` and `stop` requests on a Unix
 * socket with the session opened by one PIN entry, until the first of its limits, the card
 * leaving the reader, or `stop`. On the way out it closes the session and removes the socket
 * folder.
 */
export async function startAgent({ session, socketPath, limits, clock, pollIntervalMs = 1000, log = () => {} }: AgentOptions): Promise<RunningAgent> {
  const startedAt = clock.now().getTime();
  let lastUse = startedAt;
  let signatures = 0;
  let signing = 0;
  let ending: AgentEnd | undefined;
  const sockets = new Set<Socket>();
  let markEnded!: (reason: AgentEnd) => void;
  const ended = new Promise<AgentEnd>((resolve) => (markEnded = resolve));

  const limitReached = (): AgentEnd | undefined => {
    const now = clock.now().getTime();
    if (now - startedAt >= limits.lifetimeSeconds * 1000) return 'lifetime';
    if (now - lastUse >= limits.idleSeconds * 1000) return 'idle';
    if (signatures >= limits.maxSignatures) return 'count';
    return undefined;
  };

  const end = async (reason: AgentEnd) => {
    if (ending) return ended;
    ending = reason;
    clearInterval(timer);
    log(`agent ending: ${reason} (${signatures} signatures)`);
    server.close();
    for (const socket of sockets) socket.end(); // replies already written still reach their clients
    await session.close().catch(() => undefined);
    await rm(dirname(socketPath), { recursive: true, force: true });
    markEnded(reason);
    return ended;
  };

  const answer = async (request: AgentRequest): Promise<AgentReply> => {
    const over = ending ?? limitReached();
    if (over) {
      if (signing === 0) void end(over);
      return { ok: false, code: 'ERR_AGENT', message: `The gcis agent has ended (${over})` };
    }
    const certificate = toWire(session.certificate);
    if (request.op === 'certificate') return { ok: true, certificate };
    if (request.op === 'stop') {
      setImmediate(() => void end('stopped'));
      return { ok: true };
    }
    if (request.op !== 'sign' || typeof request.data !== 'string') return { ok: false, code: 'ERR_USAGE', message: 'Unknown request' };
    signatures += 1; // counted before signing, so concurrent requests cannot pass the limit
    signing += 1;
    try {
      const signature = await session.sign(new Uint8Array(Buffer.from(request.data, 'base64')));
      lastUse = clock.now().getTime();
      log(`signed for a client (${signatures}/${limits.maxSignatures})`);
      return { ok: true, certificate, signature: Buffer.from(signature).toString('base64'), signaturesLeft: limits.maxSignatures - signatures };
    } catch (error) {
      const { code = 'ERR_AGENT', message = String(error) } = error as { code?: string; message?: string };
      return { ok: false, code, message };
    } finally {
      signing -= 1;
      // The last signature's reply goes out first: end once every signature in flight is answered.
      if (signatures >= limits.maxSignatures && signing === 0) setImmediate(() => void end('count'));
    }
  };

  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(connectionIdleMs, () => socket.destroy());
    let buffer = '';
    let busy = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      if (buffer.length > maxRequestBytes && !buffer.includes('\n')) {
        socket.end(`${JSON.stringify({ ok: false, code: 'ERR_INVALID_INPUT', message: 'Request too long' })}\n`);
        buffer = '';
        return;
      }
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        busy = busy.then(async () => {
          let request: AgentRequest;
          try {
            request = JSON.parse(line) as AgentRequest;
          } catch {
            request = { op: 'invalid' } as unknown as AgentRequest;
          }
          const reply = await answer(request);
          if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
        });
      }
    });
  };

  const server = createServer(serve);
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o600);
  const cardPresent = () => {
    try {
      return session.cardPresent();
    } catch {
      return false; // a module that cannot even answer has lost the card too
    }
  };
  const timer = setInterval(() => {
    const reason = limitReached() ?? (cardPresent() ? undefined : 'card-removed');
    // A signature in flight is answered first: its reply would be lost on a closed socket.
    if (reason && signing === 0) void end(reason);
  }, pollIntervalMs);
  log(`agent listening on ${socketPath}`);
  return { socketPath, ended, stop: () => end('stopped') };
}
