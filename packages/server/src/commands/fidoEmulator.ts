import { resolve } from 'node:path';
import { cryptoRandom, GcisError, systemClock } from '@gcis/core';
import { decodeServiceKey } from '@gcis/core/push';
import Fastify from 'fastify';
import { createFidoEmulator } from '../fido/createFidoEmulator.js';
import { fidoEmulatorRoutes } from '../fido/fidoEmulatorRoutes.js';
import type { PhoneCertificateProfile } from '../fido/issueMobileCertificate.js';
import type { ServerIo } from '../io.js';
import { parseListen } from './start.js';
import { messagesFor } from '../i18n/messages.js';

export type FidoEmulatorOptions = {
  listen: string;
  state: string;
  serviceId: string;
  serviceName: string;
  cardCa?: string[];
  phoneCertificate?: PhoneCertificateProfile;
  logLevel: string;
};

/**
 * `gcis-server fido-emulator`: the TW FidO emulator on its own, at the root of its address, for a
 * gcis-server (or any relying party) configured with push.baseUrl = the printed URL and the same
 * GCIS_SERVER_FIDO_KEY. Prints the URL as one line on stdout; runs until SIGINT/SIGTERM.
 */
export async function fidoEmulator(options: FidoEmulatorOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const keyText = io.env.GCIS_SERVER_FIDO_KEY;
  if (!keyText) throw new GcisError('ERR_USAGE', err.fidoKey);
  const key = decodeServiceKey(keyText);
  const { host, port } = parseListen(options.listen, err);
  const stateDir = resolve(options.state);
  const world = createFidoEmulator({
    stateDir,
    clock: systemClock,
    random: cryptoRandom,
    serviceProviders: [{ serviceId: options.serviceId, name: options.serviceName, key }],
    cardCaFiles: options.cardCa ?? [],
    phoneCertificateProfile: options.phoneCertificate ?? 'card',
  });
  const app = Fastify({ logger: { level: options.logLevel, stream: io.stderr }, bodyLimit: 64 * 1024 });
  await app.register(fidoEmulatorRoutes, { world });
  await app.listen({ host, port }).catch((cause: NodeJS.ErrnoException) => {
    throw new GcisError('ERR_USAGE', err.cannotListen(options.listen, cause.code ?? cause.message), { cause });
  });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  io.stderr.write(`gcis-server: ${out.emulator(options.serviceId, world.state.caFile)}\n`);
  io.stdout.write(`http://${host.includes(':') ? `[${host}]` : host}:${actualPort}\n`);
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  await app.close();
}
