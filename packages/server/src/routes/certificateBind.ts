import { GcisError } from '@gcis/core';
import { BoundCertificate, CertificateLoginRequest, ErrorBody } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate } from '../lib/authenticate.js';
import { bindCertificate } from '../lib/bindCertificate.js';
import { verifyCertificateRequest } from '../lib/verifyCertificateRequest.js';

const bearer = [{ bearer: [] }];

export function certificateBindRoutes(app: FastifyInstance, context: AppContext): void {
  app.post<{ Body: CertificateLoginRequest }>(
    '/v1/certificate/bind',
    {
      schema: {
        summary: 'Bind the card certificate that signed a fresh challenge to the logged-in account (needs a login in the last 5 minutes)',
        security: bearer,
        body: CertificateLoginRequest,
        response: { 200: BoundCertificate, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (request) => {
      const { account, session } = authenticate(context, request);
      // A new way into the account: like a TOTP rebuild, not something a stolen old token may do.
      const age = context.clock.now().getTime() - new Date(session.issued_at).getTime();
      if (age > context.config.freshLoginSeconds * 1000) {
        throw new GcisError('ERR_FRESH_LOGIN_REQUIRED', 'Binding a certificate needs a fresh login; log in again first.');
      }
      const { identity } = verifyCertificateRequest(context, request.body);
      return bindCertificate(context, account, identity);
    },
  );
}
