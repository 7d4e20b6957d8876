import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitConnectionsPerAddress } from './limitConnectionsPerAddress.js';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function cappedServer(max: number) {
  const server = createServer((_request, response) => response.end('ok'));
  limitConnectionsPerAddress(server, max);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Connects, sends a request, and resolves with the answer text ('' when the server closed it first). */
function ask(port: number, localAddress = '127.0.0.1', keep?: Socket[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    let answer = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (keep && answer.endsWith('ok')) resolve(answer);
    });
    socket.once('close', () => resolve(answer));
    socket.once('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: x\r\n${keep ? '' : 'Connection: close\r\n'}\r\n`));
    keep?.push(socket);
  });
}

describe('limitConnectionsPerAddress', () => {
  it('answers up to the cap from one address and closes every connection beyond it, however many arrive at once', async () => {
    const port = await cappedServer(3);
    const held: Socket[] = [];
    const kept = await Promise.all([1, 2, 3].map(() => ask(port, '127.0.0.1', held)));
    expect(kept.every((answer) => answer.includes('200 OK'))).toBe(true);
    const beyond = await Promise.all(Array.from({ length: 30 }, () => ask(port)));
    expect(beyond).toEqual(beyond.map(() => ''));
    expect(await ask(port, '127.0.0.2')).toContain('200 OK');
    held.forEach((socket) => socket.destroy());
  });

  it('counts a closed connection out, so the address can connect again', async () => {
    const port = await cappedServer(1);
    for (let round = 0; round < 5; round++) {
      let answer = '';
      // The server learns of the close a moment after the client: retry until it has.
      for (let attempt = 0; attempt < 100 && !answer.includes('200 OK'); attempt++) answer = await ask(port);
      expect(answer).toContain('200 OK');
    }
  });
});
