import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { createFidoEmulator } from './createFidoEmulator.js';
import type { EmulatorWorld } from './emulatorWorld.js';
import type { PhoneCertificateProfile } from './issueMobileCertificate.js';
import { fidoEmulatorRoutes } from './fidoEmulatorRoutes.js';

export const embeddedEmulatorPrefix = '/fido-emulator';

/**
 * `gcis-server start --fido-emulator`: mounts the emulator at /fido-emulator on this server,
 * registers this server as its relying party (with push.key / GCIS_SERVER_FIDO_KEY, else a key
 * derived from the data folder's secret key), and makes push login use it — unless push.baseUrl
 * names another service — and trust its CA for phone certificates.
 */
export async function mountFidoEmulator(
  app: FastifyInstance,
  context: AppContext,
  {
    stateDir,
    cardCaFiles,
    phoneCertificateProfile,
    publicUrl,
  }: { stateDir: string; cardCaFiles: readonly string[]; phoneCertificateProfile?: PhoneCertificateProfile; publicUrl: () => string },
): Promise<EmulatorWorld> {
  const key = context.push.configuredKey ?? new Uint8Array(Buffer.from(context.box.mac('gcis fido emulator service key'), 'hex'));
  const world = createFidoEmulator({
    stateDir,
    clock: context.clock,
    random: context.random,
    serviceProviders: [{ serviceId: context.config.push.serviceId, name: 'gcis 商工入口網', key }],
    cardCaFiles,
    ...(phoneCertificateProfile && { phoneCertificateProfile }),
  });
  await app.register(fidoEmulatorRoutes, { prefix: embeddedEmulatorPrefix, world });
  context.push.useEmulator({ baseUrl: () => `${publicUrl()}${embeddedEmulatorPrefix}`, caCertificate: world.state.ca.certificate, key });
  return world;
}
