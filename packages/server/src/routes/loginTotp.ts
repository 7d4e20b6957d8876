import { ErrorBody, Session, TotpLoginRequest } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { passwordLogin } from '../login/passwordLogin.js';
import { verifyTotpFactor } from '../login/totpFactor.js';

export function loginTotpRoutes(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: TotpLoginRequest }>(
    '/v1/login/totp',
    {
      schema: {
        summary: 'Log in with account, password and an authenticator code',
        body: TotpLoginRequest,
        response: { 200: Session, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { account, password, code, captcha } = request.body;
      return passwordLogin(context, {
        method: 'totp',
        account,
        password,
        captcha,
        address: request.ip,
        log: request.log,
        verifyFactor: (row) => verifyTotpFactor(context, row, code),
      });
    },
  );
}
