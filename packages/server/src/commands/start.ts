import { GcisError } from '@gcis/core';
import { buildApp } from '../app.js';
import { createContext } from '../createContext.js';
import { openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';

/** Parses `HOST:PORT` (`[::1]:PORT` for IPv6); port 0 lets the OS pick. */
export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new GcisError('ERR_USAGE', `--listen must be HOST:PORT, not "${listen}".`);
  return { host: match[1] ?? match[2]!, port };
}

/** Runs the server until SIGINT/SIGTERM; prints the URL it listens on as one line on stdout. */
export async function start(
  { data, listen, logLevel }: { data: string; listen: string; logLevel: string },
  io: ServerIo,
): Promise<void> {
  const { host, port } = parseListen(listen);
  const serverData = openDataDir(data, io.env);
  const app = await buildApp(await createContext(serverData, { env: io.env }), { logger: { level: logLevel, stream: io.stderr } });
  await app.listen({ host, port }).catch((cause: NodeJS.ErrnoException) => {
    throw new GcisError('ERR_USAGE', `Cannot listen on ${listen}: ${cause.code ?? cause.message}.`, { cause });
  });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  io.stdout.write(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  serverData.store.db.close();
}
