import { GcisError } from '@gcis/core';
import type { CertificateChallenge, CertificateLoginRequest } from '@gcis/core/api';
import { buildLoginSignature, signedLoginContent, type CardCertificate, type Signer } from '@gcis/core/smartcard';
import { createKeySigner } from '@gcis/core/smartcard/testing';
import { parseMoicaIdentity } from '@gcis/core/x509';
import type { TestCertificate, TestPki } from '@gcis/core/x509/testing';
import { bindCertificate } from '../login/bindCertificate.js';
import { addCrl } from '../trust/addCrl.js';
import { addTrustCertificate } from '../trust/trustFolder.js';
import type { TestServer } from './testServer.js';

/** The origin test servers sign for, unless a test sets `origin` itself. */
export const testOrigin = 'https://gcis.test';

/**
 * Installs test PKIs into a test server's data folder the way `gcis-server trust add` / `crl add`
 * do (root and intermediate, then every CRL a trusted CA signed) and reloads its trust.
 */
export async function installTestPki(server: TestServer, ...pkis: TestPki[]): Promise<void> {
  const { paths, config } = server.data;
  for (const pki of pkis) {
    addTrustCertificate(paths.trust, pki.root.der);
    addTrustCertificate(paths.trust, pki.intermediate.der);
    for (const crl of pki.crls) {
      try {
        await addCrl(paths, crl, { source: 'test PKI' });
      } catch (error) {
        // e.g. the 'other-root' variant's root CRL, signed by a root this server does not trust
        if (!(error instanceof GcisError && error.code === 'ERR_CRL_INVALID')) throw error;
      }
    }
  }
  config.origin ||= testOrigin;
  await server.context.certificates.reload();
}

export async function fetchChallenge(server: TestServer): Promise<CertificateChallenge> {
  const response = await server.app.inject({ method: 'POST', url: '/v1/login/certificate/challenge', payload: {} });
  if (response.statusCode !== 200) throw new Error(`challenge: HTTP ${response.statusCode} ${response.body}`);
  return response.json();
}

export type SignChallengeOptions = {
  /** A test certificate to sign with in-process, or a card signer (e.g. SoftHSM) with its certificate and PIN. */
  signWith: Pick<TestCertificate, 'der' | 'privateKey'> | { signer: Signer; certificate: CardCertificate; pin: string };
  origin?: string;
  issuedAt?: Date;
};

/** The body of `POST /v1/login/certificate` (or /bind) for `challenge`, as the CLI builds it. */
export async function signChallenge(server: TestServer, challenge: CertificateChallenge, options: SignChallengeOptions): Promise<CertificateLoginRequest> {
  const { signWith, origin = server.data.config.origin, issuedAt = server.clock.now() } = options;
  const card = 'signer' in signWith ? signWith : (() => {
    const signer = createKeySigner(signWith);
    return { signer, certificate: signer.certificate, pin: '123456' };
  })();
  const signature = await buildLoginSignature({
    ...card,
    content: signedLoginContent({ challenge: challenge.challenge, origin, issuedAt }),
    nonce: Buffer.from(challenge.challenge, 'base64url'),
    signingTime: issuedAt,
    cardSerial: card.certificate.tokenSerial,
  });
  return { challengeId: challenge.challengeId, signature: Buffer.from(signature).toString('base64') };
}

/** Binds a certificate to an account directly, as `gcis-server account bind-cert` does (without its path check). */
export async function bindTestCertificate(server: TestServer, der: Uint8Array, account = 'alice') {
  const row = await server.data.store.accounts.find(account);
  if (!row) throw new Error(`no account ${account}`);
  return bindCertificate(server.context, row, parseMoicaIdentity(der));
}
