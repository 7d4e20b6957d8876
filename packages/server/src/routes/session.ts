import { ErrorBody, Revoked, WhoAmI } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticateWithinLimit } from '../login/authenticateWithinLimit.js';

const bearer = [{ bearer: [] }];
/** Counted per token by authenticateWithinLimit instead of per address by the global limit. */
const perToken = { rateLimit: false } as const;

export function sessionRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/v1/session',
    { config: perToken, schema: { summary: 'Who am I', security: bearer, response: { 200: WhoAmI, '4xx': ErrorBody } } },
    async (request) => {
      const { account, session, expiresAt, idleExpiresAt } = await authenticateWithinLimit(context, request);
      return {
        account: account.account,
        name: account.name,
        method: session.method,
        issuedAt: session.issued_at,
        expiresAt: expiresAt.toISOString(),
        idleExpiresAt: idleExpiresAt.toISOString(),
      };
    },
  );

  app.delete(
    '/v1/session',
    {
      config: perToken,
      schema: {
        summary: 'Log out: revoke this session on the server',
        security: bearer,
        response: { 200: Revoked, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { tokenHash } = await authenticateWithinLimit(context, request);
      await context.store.sessions.revoke(tokenHash, context.clock.now().toISOString());
      return { revoked: true as const };
    },
  );
}
