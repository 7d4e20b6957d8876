import { BoundCertificate, CertificateLoginRequest, ErrorBody } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate } from '../login/authenticate.js';
import { bindCertificate } from '../login/bindCertificate.js';
import { requireStepUp } from '../login/requireStepUp.js';
import { verifyCertificateRequest } from '../login/verifyCertificateRequest.js';

const bearer = [{ bearer: [] }];

export function certificateBindRoutes(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: CertificateLoginRequest }>(
    '/v1/certificate/bind',
    {
      schema: {
        summary: 'Bind the card certificate that signed a fresh challenge to the logged-in account (needs a login in the last 5 minutes; by TOTP, card or push once the account has one)',
        security: bearer,
        body: CertificateLoginRequest,
        response: { 200: BoundCertificate, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (request) => {
      const authenticated = await authenticate(context, request);
      // A new way into the account: like a TOTP rebuild, not something a stolen old token may do.
      await requireStepUp(context, authenticated, 'Binding a certificate');
      const { identity } = await verifyCertificateRequest(context, request.body);
      return bindCertificate(context, authenticated.account, identity);
    },
  );
}
