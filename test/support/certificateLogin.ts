import { setTimeout as delay } from 'node:timers/promises';
import { createClient } from '@gcis/core/client';
import { buildLoginSignature, createPkcs11Signer, signedLoginContent } from '@gcis/core/smartcard';
import type { TestCardFolder } from './testCard.js';

/**
 * Certificate logins on a test card, signed in this process, one after another (50 ms apart) until
 * `done` holds for an outcome (`ok:ACCOUNT` or an error code) or `deadlineMs` has passed.
 */
export async function certificateLoginUntil(
  server: string,
  card: TestCardFolder,
  done: (outcome: string) => boolean,
  deadlineMs: number,
): Promise<{ outcome: string; elapsedMs: number; seen: string[] }> {
  process.env.SOFTHSM2_CONF = card.env.SOFTHSM2_CONF;
  const client = createClient({ server });
  const signer = await createPkcs11Signer({ modulePath: card.env.GCIS_PKCS11_MODULE, env: {} });
  const started = Date.now();
  const seen: string[] = [];
  try {
    const [certificate] = await signer.listCertificates();
    for (;;) {
      const challenge = await client.certificateChallenge();
      const now = new Date();
      const cms = await buildLoginSignature({
        signer,
        certificate: certificate!,
        pin: card.pin,
        content: signedLoginContent({ challenge: challenge.challenge, origin: server, issuedAt: now }),
        nonce: Buffer.from(challenge.challenge, 'base64url'),
        signingTime: now,
      });
      const outcome = await client
        .loginCertificate({ challengeId: challenge.challengeId, signature: Buffer.from(cms).toString('base64') })
        .then((session) => `ok:${session.account}`, (error: { code?: string }) => error.code ?? 'unknown');
      seen.push(outcome);
      if (done(outcome) || Date.now() - started > deadlineMs) return { outcome, elapsedMs: Date.now() - started, seen };
      await delay(50);
    }
  } finally {
    await signer.close();
  }
}
