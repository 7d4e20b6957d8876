import { GcisError } from '@gcis/core';
import { AccountParams, ErrorBody, OneDayPasswordIssued, Revoked } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { enableOneDayPassword } from '../login/oneDayPassword.js';
import { requireAdmin } from '../secrets/adminCredential.js';

const admin = [{ bearer: [] }];

export function adminRoutes(app: FastifyInstance, context: AppContext): void {
  const findAccount = async (name: string) => {
    const account = await context.store.accounts.find(name);
    if (!account) throw new GcisError('ERR_NO_ACCOUNT', `There is no account ${name}.`);
    return account;
  };

  app.post<{ Params: AccountParams }>(
    '/v1/admin/accounts/:account/one-day-password',
    {
      schema: {
        summary: 'Administrator: enable a one-day password and email its check code',
        security: admin,
        params: AccountParams,
        response: { 200: OneDayPasswordIssued, '4xx': ErrorBody, 502: ErrorBody },
      },
    },
    async (request) => {
      await requireAdmin(context, request);
      const { mailLocation: _location, ...issued } = await enableOneDayPassword(context, await findAccount(request.params.account));
      return issued;
    },
  );

  app.delete<{ Params: AccountParams }>(
    '/v1/admin/accounts/:account/one-day-password',
    {
      schema: {
        summary: 'Administrator: revoke the one-day password',
        security: admin,
        params: AccountParams,
        response: { 200: Revoked, '4xx': ErrorBody },
      },
    },
    async (request) => {
      await requireAdmin(context, request);
      await context.store.oneDayPasswords.revoke((await findAccount(request.params.account)).id);
      return { revoked: true as const };
    },
  );
}
