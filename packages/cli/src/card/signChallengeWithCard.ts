import type { CertificateChallenge, CertificateLoginRequest } from '@gcis/core/api';
import type { GcisClient } from '@gcis/core/client';
import type { CardCertificate, HipkiSigner } from '@gcis/core/smartcard';
import type { CliDeps } from '../deps.js';
import { withSpinner } from '../output/withSpinner.js';
import type { CardOptions } from './cardOptions.js';
import type { DescribedCertificate } from './describeCardCertificates.js';
import { hipkiSettings } from './hipkiSettings.js';
import { explainPinError } from './pinWarnings.js';
import { unlockCard } from './unlockCard.js';
import { messagesFor } from '../i18n/messages.js';

export type CardSignOptions = CardOptions & { server: string; interactive: boolean };

/**
 * Certificate login (README "Certificate login"), client side: picks the card certificate, gets the PIN, fetches a
 * challenge from `client`'s server and has the card sign `{challenge, origin, issuedAt}` into a
 * CMS SignedData — exactly one signature, so a wrong PIN costs exactly one of the card's tries.
 * With GCIS_AGENT_SOCK set, the running `gcis agent` signs and no PIN is asked.
 * Returns the request body for `POST /v1/login/certificate` or `/v1/certificate/bind`.
 */
export async function signChallengeWithCard(
  client: GcisClient,
  options: CardSignOptions,
  deps: CliDeps,
): Promise<{ certificate: DescribedCertificate; body: CertificateLoginRequest }> {
  const { signer, certificate, pin } = await unlockCard(options, deps);
  try {
    const { buildLoginSignature, isPinError, signedLoginContent } = await import('@gcis/core/smartcard');
    const body = await withSpinner(deps, messagesFor(deps.env).card.signingChallenge, async () => {
      const challenge = await client.certificateChallenge();
      const now = deps.clock.now();
      const content = signedLoginContent({ challenge: challenge.challenge, origin: options.server, issuedAt: now });
      if (options.signer === 'hipki' && 'makeSignature' in signer) {
        return signWithHipki(signer as HipkiSigner, hipkiSettings(options, deps.env).signatureType, { certificate, pin, content, challenge });
      }
      const cms = await buildLoginSignature({
        signer,
        certificate,
        pin,
        content,
        nonce: new Uint8Array(Buffer.from(challenge.challenge, 'base64url')),
        signingTime: now,
        ...(certificate.tokenSerial && { cardSerial: certificate.tokenSerial }),
      });
      return { challengeId: challenge.challengeId, signature: Buffer.from(cms).toString('base64') };
    }).catch((error: unknown) => {
      throw isPinError(error) ? explainPinError(error, messagesFor(deps.env)) : error;
    });
    return { certificate, body };
  } finally {
    await signer.close();
  }
}

/**
 * Through HiPKI the component signs the login content itself (text with tbsEncoding NONE): PKCS1
 * goes to the server as the bare signature with the certificate and content, PKCS7 as the
 * component's CMS, whose nonce attribute carries the challenge (sent as hex).
 */
async function signWithHipki(
  signer: HipkiSigner,
  signatureType: 'PKCS1' | 'PKCS7',
  { certificate, pin, content, challenge }: { certificate: CardCertificate; pin: string; content: Uint8Array; challenge: CertificateChallenge },
): Promise<CertificateLoginRequest> {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const nonce = Buffer.from(challenge.challenge, 'base64url').toString('hex').toUpperCase();
  const { signature } = await signer.makeSignature({ certificate, data: content, pin, signatureType, nonce });
  if (signatureType === 'PKCS7') return { challengeId: challenge.challengeId, signature: base64(signature) };
  return { challengeId: challenge.challengeId, pkcs1: base64(signature), certificate: base64(certificate.certificate), content: base64(content) };
}
