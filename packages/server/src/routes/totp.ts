import { GcisError } from '@gcis/core';
import { ErrorBody, TotpConfirmRequest, TotpKey } from '@gcis/core/api';
import { verifyTotp } from '@gcis/core/totp';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate } from '../lib/authenticate.js';
import { addTotpVersion, openTotpSecret, totpKeyView } from '../lib/totpSecrets.js';

const bearer = [{ bearer: [] }];
const responses = { 200: TotpKey, '4xx': ErrorBody };

export function totpRoutes(app: FastifyInstance, context: AppContext): void {
  const { totpKeys } = context.store;

  app.get(
    '/v1/totp',
    { schema: { summary: 'The current authenticator QR (otpauth URI with version)', security: bearer, response: responses } },
    async (request) => {
      const { account } = authenticate(context, request);
      const active = totpKeys.active(account.id);
      if (!active) throw new GcisError('ERR_TOTP_NOT_ENROLLED', 'No authenticator is enrolled: run "gcis totp rebuild".');
      return totpKeyView(account, active.version, 'active', openTotpSecret(context, active));
    },
  );

  app.post(
    '/v1/totp/rebuild',
    {
      schema: {
        summary: 'Make a new QR version, pending until confirmed (needs a login in the last 5 minutes)',
        security: bearer,
        response: responses,
      },
    },
    async (request) => {
      const { account, session } = authenticate(context, request);
      const age = context.clock.now().getTime() - new Date(session.issued_at).getTime();
      if (age > context.config.freshLoginSeconds * 1000) {
        throw new GcisError('ERR_FRESH_LOGIN_REQUIRED', 'Rebuilding the QR code needs a fresh login; log in again first.');
      }
      return addTotpVersion(context, account, 'pending');
    },
  );

  app.post<{ Body: TotpConfirmRequest }>(
    '/v1/totp/rebuild/confirm',
    {
      schema: {
        summary: 'Confirm the pending version with one of its codes; it replaces the old one',
        security: bearer,
        body: TotpConfirmRequest,
        response: responses,
      },
    },
    async (request) => {
      const { account } = authenticate(context, request);
      const pending = totpKeys.pending(account.id);
      if (!pending) throw new GcisError('ERR_TOTP_NO_PENDING', 'There is no rebuilt QR code waiting for confirmation.');
      const secret = openTotpSecret(context, pending);
      const result = verifyTotp({ secret, code: request.body.code, now: context.clock.now() });
      if (!result.valid) throw new GcisError('ERR_TOTP_INVALID_CODE', 'That code does not match the new QR code.');
      totpKeys.promote(account.id, pending.version, result.step);
      return totpKeyView(account, pending.version, 'active', secret);
    },
  );
}
