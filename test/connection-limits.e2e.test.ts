import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGcisServer, type RunningServer } from './support/gcisServer.js';

type Peer = { socket: Socket; closed: Promise<void>; received: () => string };

/** A raw TCP client: what it reads, and a promise that settles when the server closes it. */
function open(url: string, localAddress = '127.0.0.1'): Promise<Peer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {}); // a reset by the server shows up as 'close'
    socket.once('connect', () => resolve({ socket, closed, received: () => received }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte per second until the socket closes; never finishes a body of `length`. */
function trickle(peer: Peer, text: string): void {
  let index = 0;
  const timer = setInterval(() => {
    if (peer.socket.destroyed) return clearInterval(timer);
    peer.socket.write(text[index++ % text.length]!);
  }, 1000);
  void peer.closed.then(() => clearInterval(timer));
}

const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: gcis\r\n\r\n`;

/** Sends a whole request on a socket and resolves with the status line of the answer. */
function statusLine(peer: Peer, path = '/healthz'): Promise<string> {
  peer.socket.write(request(path));
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = peer.received().split('\r\n')[0];
      if (line && peer.received().includes('\r\n')) resolve(line);
    };
    peer.socket.on('data', check);
    void peer.closed.then(() => reject(new Error(`closed before an answer: ${peer.received()}`)));
  });
}

describe('timeouts against slow clients (real gcis-server)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ connections: { requestTimeoutSeconds: 2, headersTimeoutSeconds: 2, keepAliveTimeoutSeconds: 1, idleTimeoutSeconds: 60, maxPerAddress: 50 } });
  });
  afterAll(() => server.stop());

  it('closes a connection whose request body trickles in one byte per second', async () => {
    const peer = await open(server.url);
    peer.socket.write('POST /v1/captcha HTTP/1.1\r\nHost: gcis\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n');
    trickle(peer, '{ ');
    await peer.closed;
    expect(peer.socket.destroyed).toBe(true);
  }, 60_000);

  it('closes a connection whose headers trickle in one byte per second', async () => {
    const peer = await open(server.url);
    trickle(peer, 'GET /healthz HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await peer.closed;
    expect(peer.received()).not.toContain('200 OK');
  }, 60_000);

  it('answers a client that sends its request at once, then closes the kept-alive connection once it idles', async () => {
    const peer = await open(server.url);
    expect(await statusLine(peer)).toBe('HTTP/1.1 200 OK');
    await peer.closed;
    expect(peer.socket.destroyed).toBe(true);
  }, 60_000);
});

describe('open connections per source address (real gcis-server)', () => {
  let server: RunningServer;
  const cap = 5;
  beforeAll(async () => {
    // Long timeouts so that only the cap, never a timeout, closes the idle sockets this test holds.
    server = await startGcisServer({
      connections: { requestTimeoutSeconds: 600, headersTimeoutSeconds: 600, keepAliveTimeoutSeconds: 600, idleTimeoutSeconds: 600, maxPerAddress: cap },
    });
  });
  afterAll(() => server.stop());

  it('closes connections beyond the cap from one address, keeps the others working, and lets another address in', async () => {
    const held = await Promise.all(Array.from({ length: cap }, () => open(server.url)));
    // Many more at once from the same address: every one of them is closed without an answer.
    const extra = await Promise.all(Array.from({ length: 20 }, () => open(server.url)));
    await Promise.all(extra.map((peer) => peer.closed));
    expect(extra.map((peer) => peer.received())).toEqual(extra.map(() => ''));

    expect(await statusLine(held[0]!)).toBe('HTTP/1.1 200 OK');
    const elsewhere = await open(server.url, '127.0.0.2');
    expect(await statusLine(elsewhere)).toBe('HTTP/1.1 200 OK');

    // Closing one frees a place (the server counts closes; retry until it has seen this one).
    held[1]!.socket.destroy();
    let answered = '';
    for (let attempt = 0; attempt < 100 && !answered; attempt++) {
      const peer = await open(server.url);
      answered = await statusLine(peer).catch(() => '');
      peer.socket.destroy();
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answered).toBe('HTTP/1.1 200 OK');
    for (const peer of [...held, elsewhere]) peer.socket.destroy();
  }, 60_000);
});
