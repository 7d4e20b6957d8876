import { ErrorBody, OneDayPasswordLoginRequest, Session } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { verifyCheckCodeFactor } from '../login/checkCodeFactor.js';
import { passwordLogin } from '../login/passwordLogin.js';

export function loginOneDayPasswordRoutes(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: OneDayPasswordLoginRequest }>(
    '/v1/login/one-day-password',
    {
      schema: {
        summary: 'Log in with account, password and the emailed one-day check code (檢查碼)',
        description: 'Email is not an out-of-band authenticator (NIST SP 800-63B §5.1.3.1): a lower assurance level than TOTP or a certificate.',
        body: OneDayPasswordLoginRequest,
        response: { 200: Session, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { account, password, checkCode, captcha } = request.body;
      return passwordLogin(context, {
        method: 'one-day-password',
        account,
        password,
        captcha,
        address: request.ip,
        log: request.log,
        verifyFactor: (row) => verifyCheckCodeFactor(context, row, checkCode),
      });
    },
  );
}
