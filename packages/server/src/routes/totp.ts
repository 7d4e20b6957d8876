import { GcisError } from '@gcis/core';
import { ErrorBody, TotpConfirmRequest, TotpKey } from '@gcis/core/api';
import { verifyTotp } from '@gcis/core/totp';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate } from '../login/authenticate.js';
import { requireStepUp } from '../login/requireStepUp.js';
import { addTotpVersion, openTotpSecret, totpKeyView } from '../secrets/totpSecrets.js';

const bearer = [{ bearer: [] }];
const responses = { 200: TotpKey, '4xx': ErrorBody };

export function totpRoutes(app: FastifyInstance, context: AppContext): void {
  const { totpKeys } = context.store;

  app.get(
    '/v1/totp',
    {
      schema: {
        summary: 'The current authenticator QR (otpauth URI with version); needs a login in the last 5 minutes by TOTP, card or push',
        security: bearer,
        response: responses,
      },
    },
    async (request) => {
      const authenticated = await authenticate(context, request);
      const { account } = authenticated;
      const active = await totpKeys.active(account.id);
      if (!active) throw new GcisError('ERR_TOTP_NOT_ENROLLED', 'No authenticator is enrolled: run "gcis totp rebuild".');
      await requireStepUp(context, authenticated, 'Showing the QR code');
      return totpKeyView(account, active.version, 'active', openTotpSecret(context, active));
    },
  );

  app.post(
    '/v1/totp/rebuild',
    {
      schema: {
        summary:
          'Make a new QR version, pending until confirmed (needs a login in the last 5 minutes; by TOTP, card or push once the account has one)',
        security: bearer,
        response: responses,
      },
    },
    async (request) => {
      const authenticated = await authenticate(context, request);
      await requireStepUp(context, authenticated, 'A new QR code');
      return addTotpVersion(context, authenticated.account, 'pending');
    },
  );

  app.post<{ Body: TotpConfirmRequest }>(
    '/v1/totp/rebuild/confirm',
    {
      schema: {
        summary: 'Confirm the pending version with one of its codes; it replaces the old one (same login rule as rebuild)',
        security: bearer,
        body: TotpConfirmRequest,
        response: responses,
      },
    },
    async (request) => {
      const authenticated = await authenticate(context, request);
      // The answer holds the secret, and promoting retires the version in use: same rule as rebuild.
      await requireStepUp(context, authenticated, 'Confirming a new QR code');
      const { account } = authenticated;
      const pending = await totpKeys.pending(account.id);
      if (!pending) throw new GcisError('ERR_TOTP_NO_PENDING', 'There is no rebuilt QR code waiting for confirmation.');
      const secret = openTotpSecret(context, pending);
      const result = verifyTotp({ secret, code: request.body.code, now: context.clock.now() });
      if (!result.valid) throw new GcisError('ERR_TOTP_INVALID_CODE', 'That code does not match the new QR code.');
      await totpKeys.promote(account.id, pending.version, result.step);
      return totpKeyView(account, pending.version, 'active', secret);
    },
  );
}
