import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { GcisError } from '@gcis/core';
import { ErrorBody } from '@gcis/core/api';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppContext } from './context.js';
import { serverTimeoutOptions } from './http/connectionLimits.js';
import { httpStatusFor } from './http/httpErrors.js';
import { limitConnectionsPerAddress } from './http/limitConnectionsPerAddress.js';
import { addressKey, rateLimited } from './http/rateLimit/countRequest.js';
import { rateLimitStore } from './http/rateLimit/rateLimitStore.js';
import { adminRoutes } from './routes/admin.js';
import { captchaRoutes } from './routes/captcha.js';
import { certificateBindRoutes } from './routes/certificateBind.js';
import { healthRoutes } from './routes/health.js';
import { loginCertificateRoutes } from './routes/loginCertificate.js';
import { loginOneDayPasswordRoutes } from './routes/loginOneDayPassword.js';
import { loginPushRoutes } from './routes/loginPush.js';
import { loginTotpRoutes } from './routes/loginTotp.js';
import { sessionRoutes } from './routes/session.js';
import { totpRoutes } from './routes/totp.js';

/** Builds the HTTP API on an injected context; `start` and the tests both call this. */
export async function buildApp(
  context: AppContext,
  { logger = false }: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: context.config.bodyLimitBytes,
    // request.ip — the per-address limits' and the throttle's source — from X-Forwarded-For only when a listed proxy sent it.
    trustProxy: context.config.trustProxy,
    ...serverTimeoutOptions(context.config.connections),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  limitConnectionsPerAddress(app.server, context.config.connections.maxPerAddress);
  app.addSchema(ErrorBody);

  await app.register(swagger, {
    openapi: {
      info: { title: 'gcis-server', version: '1', description: 'Verification server of the gcis login toolkit' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  app.addHook('onClose', async () => context.rateCounter.close?.());
  // Per address, on every route but those that opt out (the session checks count per token instead).
  await app.register(rateLimit, {
    max: context.config.rateLimit.max,
    timeWindow: context.config.rateLimit.windowSeconds * 1000,
    store: rateLimitStore(context.rateCounter, context.clock),
    keyGenerator: (request) => addressKey(request.ip),
    allowList: (request) => request.url === '/healthz',
    errorResponseBuilder: (_request, { ttl }) => rateLimited(ttl),
  });

  app.setErrorHandler((error: FastifyError | GcisError, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (body.error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(body.error.retryAfterSeconds));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'ERR_NOT_FOUND', message: `No route ${request.method} ${request.url}.` } }),
  );

  // Push logins ended by any instance (store events) wake this instance's long polls of them.
  const stopWaking = context.store.events.subscribe((event) => {
    if (event.kind === 'push') context.push.wake(event.id);
  });
  app.addHook('onClose', async () => stopWaking());
  app.addHook('onClose', async () => context.sessions.close());

  healthRoutes(app, context);
  captchaRoutes(app, context);
  loginTotpRoutes(app, context);
  loginOneDayPasswordRoutes(app, context);
  loginCertificateRoutes(app, context);
  certificateBindRoutes(app, context);
  loginPushRoutes(app, context);
  adminRoutes(app, context);
  sessionRoutes(app, context);
  totpRoutes(app, context);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/** Maps anything thrown in a route to `{error: {code, message}}`: 4xx for the client's mistakes, 500 only for ours. */
function toErrorResponse(error: FastifyError | GcisError): { status: number; body: ErrorBody } {
  if (error instanceof GcisError) {
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : httpStatusFor(error);
    const { code, message, retryAfterSeconds } = error;
    return { status, body: { error: { code, message, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) } } };
  }
  if ((error as FastifyError).validation) {
    return { status: 400, body: { error: { code: 'ERR_INVALID_INPUT', message: `Invalid request: ${error.message}` } } };
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = status === 429 ? 'ERR_RATE_LIMITED' : 'ERR_INVALID_INPUT';
    return { status, body: { error: { code, message: error.message } } };
  }
  return { status: 500, body: { error: { code: 'ERR_INTERNAL', message: 'Internal server error.' } } };
}
