import { ErrorBody, PushLoginRequest, PushStatus, PushTransaction, PushTransactionParams, PushWaitQuery } from '@gcis/core/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { cancelPush } from '../push/cancelPush.js';
import { startPushLogin } from '../push/startPushLogin.js';
import { waitForPush } from '../push/waitForPush.js';

export function loginPushRoutes(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: PushLoginRequest }>(
    '/v1/login/push',
    {
      schema: {
        summary: 'Start a push login: the phone bound to this national ID is asked to confirm (行動自然人憑證)',
        description:
          'Answers the 2-digit match code the user types on the phone. An ID without an account and an ID without a bound phone both get 404 ERR_PUSH_NO_DEVICE; at most 3 pending and 10 per hour per ID (429 ERR_PUSH_LIMIT).',
        body: PushLoginRequest,
        response: { 200: PushTransaction, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (request) => startPushLogin(context, request.body.nationalId, originOf(context, request)),
  );

  app.get<{ Params: PushTransactionParams; Querystring: PushWaitQuery }>(
    '/v1/login/push/:id',
    {
      schema: {
        summary: 'Wait for the phone: pending, approved (with the session, once), denied, expired or cancelled',
        description: '`wait` (0–25 s) holds the request open until the outcome is known (long poll).',
        params: PushTransactionParams,
        querystring: PushWaitQuery,
        response: { 200: PushStatus, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (request) => waitForPush(context, request.params.id, Number(request.query.wait ?? 0)),
  );

  app.delete<{ Params: PushTransactionParams }>(
    '/v1/login/push/:id',
    {
      schema: {
        summary: 'Cancel a pending push login',
        params: PushTransactionParams,
        response: { 200: PushStatus, '4xx': ErrorBody },
      },
    },
    async (request) => cancelPush(context, request.params.id),
  );
}

/** What the phone signs as the origin: the configured public URL, else the URL this request came to. */
function originOf(context: AppContext, request: FastifyRequest): string {
  return context.config.origin || `${request.protocol}://${request.host}`;
}
