import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answerRequest, bind, bindChallenge, listRequests, type DeviceAnswer } from './deviceApi.js';
import type { EmulatorWorld } from './emulatorWorld.js';
import { getAthOrSignResult, getSpTicket, requestAthOrSignPush } from './spApi.js';

/**
 * The emulator's HTTP face, registered under a prefix (`/fido-emulator` inside gcis-server, `/`
 * standalone). Relying-party routes as the real service has them — `POST {base}/moise/sp/<op>`,
 * always HTTP 200 with error_code — and the emulator's own device routes for the phone simulator
 * under `{base}/moise/device/…`. Not rate limited: the relying party paces its own polls.
 */
export async function fidoEmulatorRoutes(app: FastifyInstance, { world }: { world: EmulatorWorld }): Promise<void> {
  const config = { rateLimit: false as const };
  const schema = { hide: true };
  const device = (reply: { status: (code: number) => { send: (body: unknown) => unknown } }, answer: DeviceAnswer) =>
    reply.status(answer.status).send(answer.body);

  app.post('/moise/sp/getSpTicket', { config, schema }, async (request) => getSpTicket(world, request.body));
  app.post('/moise/sp/requestAthOrSignPush', { config, schema }, async (request) => requestAthOrSignPush(world, request.body));
  app.post('/moise/sp/getAthOrSignResult', { config, schema }, async (request) => getAthOrSignResult(world, request.body));

  app.post('/moise/device/bind/challenge', { config, schema }, async (_request, reply) => device(reply, bindChallenge(world)));
  app.post('/moise/device/bind', { config, schema }, async (request, reply) => device(reply, bind(world, request.body, baseUrlOf(request))));
  app.get<{ Params: { deviceId: string } }>('/moise/device/:deviceId/requests', { config, schema }, async (request, reply) =>
    device(reply, listRequests(world, request.params.deviceId)),
  );
  app.post<{ Params: { deviceId: string; requestId: string } }>(
    '/moise/device/:deviceId/requests/:requestId',
    { config, schema },
    async (request, reply) => device(reply, answerRequest(world, request.params.deviceId, request.params.requestId, request.body)),
  );
  app.get('/moise/device/ca', { config, schema }, async (_request, reply) =>
    reply.type('application/pkix-cert').send(Buffer.from(world.state.ca.certificate)),
  );
}

/** The emulator's base URL as this request reached it: what a phone signs as the binding origin. */
function baseUrlOf(request: FastifyRequest): string {
  const prefix = request.url.slice(0, request.url.indexOf('/moise/'));
  return `${request.protocol}://${request.host}${prefix}`;
}
