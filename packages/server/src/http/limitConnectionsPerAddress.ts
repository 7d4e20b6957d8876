import type { Server, Socket } from 'node:net';

/**
 * Caps the sockets one source address may hold open: the one beyond `max` is destroyed as soon as
 * it is accepted, before a byte is parsed. Counting happens on accept and close, so the cap holds
 * whatever the sockets do (idle, trickling, long polls). Another address is never affected.
 */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address); // no entry per address once it has gone: the map stays bounded
    });
  });
}
