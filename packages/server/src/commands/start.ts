import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { GcisError } from '@gcis/core';
import { buildApp } from '../app.js';
import { followAdminChanges } from '../changes/followAdminChanges.js';
import { createContext } from '../createContext.js';
import { openDataDir, type DataOptions, type ServerData } from '../dataDir.js';
import type { PhoneCertificateProfile } from '../fido/issueMobileCertificate.js';
import { purgeTasks } from '../housekeeping/purgeTasks.js';
import { startHousekeeping } from '../housekeeping/startHousekeeping.js';
import type { ServerIo } from '../io.js';
import { messagesFor } from '../i18n/messages.js';
import { en, type Messages } from '../i18n/en.js';

/** Parses `HOST:PORT` (`[::1]:PORT` for IPv6); port 0 lets the OS pick. */
export function parseListen(listen: string, err: Messages['err'] = en.err): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new GcisError('ERR_USAGE', err.listenFormat(listen));
  return { host: match[1] ?? match[2]!, port };
}

/** Runs the server until SIGINT/SIGTERM; prints the URL it listens on as one line on stdout. */
export async function start(
  {
    data,
    listen,
    logLevel,
    fidoEmulator,
    fidoCardCa = [],
    fidoPhoneCertificate = 'card',
    database,
  }: DataOptions & { listen: string; logLevel: string; fidoEmulator?: boolean; fidoCardCa?: string[]; fidoPhoneCertificate?: PhoneCertificateProfile },
  io: ServerIo,
): Promise<void> {
  const { err } = messagesFor(io.env);
  const { host, port } = parseListen(listen, err);
  const serverData = await openDataDir(data, io.env, { database });
  const context = await createContext(serverData, { env: io.env }).catch(closing(serverData));
  let app: FastifyInstance | undefined;
  let changes: ReturnType<typeof followAdminChanges> | undefined;
  let url = '';
  try {
    await context.dummyPasswordHash(); // before the first login, so no request pays for it
    app = await buildApp(context, { logger: { level: logLevel, stream: io.stderr } });
    context.push.useLog(app.log);
    if (fidoEmulator) {
      const { mountFidoEmulator } = await import('../fido/mountFidoEmulator.js'); // test PKI code: loaded only when asked for
      const stateDir = join(serverData.paths.root, 'fido-emulator');
      await mountFidoEmulator(app, context, { stateDir, cardCaFiles: fidoCardCa, phoneCertificateProfile: fidoPhoneCertificate, publicUrl: () => url });
      io.stderr.write(`gcis-server: TW FidO emulator at /fido-emulator; phones it certifies can log in (tests and demos only). CA: ${join(stateDir, 'ca-cert.pem')}\n`);
    }
    // trust add / crl add run anywhere (another process, another machine on the same database):
    // their files are written here and reloaded at once; the first sync before the first login.
    changes = followAdminChanges(context.store, serverData.paths, { apply: () => context.certificates.reload(), log: app.log });
    await changes.ready;
    await context.certificates.reload(); // trust anchors and CRLs in memory before the first login
    await app.listen({ host, port }).catch((cause: NodeJS.ErrnoException) => {
      throw new GcisError('ERR_USAGE', err.cannotListen(listen, cause.code ?? cause.message), { cause });
    });
  } catch (error) {
    await changes?.stop();
    await app?.close();
    return closing(serverData)(error);
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  io.stdout.write(`${url}\n`);
  context.config.origin ||= url; // what certificate-login clients sign for, unless config.json says otherwise
  context.certificates.start({ log: app.log });
  const housekeeping = startHousekeeping({
    tasks: purgeTasks(context),
    clock: context.clock,
    intervalSeconds: context.config.housekeeping.intervalSeconds,
    log: app.log,
  });

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  housekeeping.stop();
  await changes.stop();
  await context.certificates.stop();
  await app.close();
  await serverData.store.close();
}

/** Closes the store of a start that failed, then fails with its error: PostgreSQL's pool would keep the process alive. */
const closing = (serverData: ServerData) => async (error: unknown): Promise<never> => {
  await serverData.store.close().catch(() => undefined);
  throw error;
};
