import { CertificateChallenge, CertificateLoginRequest, ErrorBody, Session } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { loginFailed } from '../http/httpErrors.js';
import { issueSession } from '../login/issueSession.js';
import { certificateChallengeSeconds, verifyCertificateRequest } from '../login/verifyCertificateRequest.js';

export function loginCertificateRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, clock, random } = context;

  app.post(
    '/v1/login/certificate/challenge',
    {
      schema: {
        summary: 'A single-use challenge (5 minutes) for the card to sign as {challenge, origin, issuedAt}',
        response: { 200: CertificateChallenge, '4xx': ErrorBody },
      },
    },
    async () => {
      const now = clock.now();
      await store.certificateChallenges.purgeExpired(now.toISOString());
      const challengeId = Buffer.from(random.bytes(16)).toString('base64url');
      const challenge = Buffer.from(random.bytes(32)).toString('base64url');
      const expiresAt = new Date(now.getTime() + certificateChallengeSeconds * 1000).toISOString();
      await store.certificateChallenges.insert(challengeId, challenge, expiresAt);
      return { challengeId, challenge, expiresAt };
    },
  );

  app.post<{ Body: CertificateLoginRequest }>(
    '/v1/login/certificate',
    {
      schema: {
        summary: 'Log in with the citizen certificate: the signed challenge (CMS SignedData, or PKCS#1 with certificate and content)',
        body: CertificateLoginRequest,
        response: { 200: Session, '4xx': ErrorBody, '5xx': ErrorBody },
      },
    },
    async (request) => {
      const { identity } = await verifyCertificateRequest(context, request.body);
      // By the bound certificate only: a name or ID digits shared with another person find nothing.
      const binding = await store.accountCertificates.find(identity.issuer, identity.serialHex);
      const account = binding && (await store.accounts.get(binding.account_id));
      if (!account) throw loginFailed();
      return issueSession(context, account, 'certificate');
    },
  );
}
