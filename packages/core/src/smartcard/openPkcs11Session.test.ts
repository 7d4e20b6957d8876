import { execFile } from 'node:child_process';
import { verify } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGcisError } from '../errors.js';
import { createPkcs11Signer, openPkcs11Session, type CardCertificate } from './index.js';
import { createTestCard, type TestCard } from './testing/createTestCard.js';

const run = promisify(execFile);
let card: TestCard;
let rsa: CardCertificate;

beforeEach(async () => {
  card = await createTestCard();
  Object.assign(process.env, card.env);
  const signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  rsa = (await signer.listCertificates()).find((entry) => entry.keyId === '01')!;
  await signer.close();
});
afterEach(async () => {
  await card?.destroy();
});

describe('openPkcs11Session', () => {
  it('logs in once and signs many times in order, each signature verifying', async () => {
    const session = await openPkcs11Session({ certificate: rsa, pin: card.pin, modulePath: card.modulePath, env: {} });
    try {
      const data = Array.from({ length: 8 }, (_, index) => Buffer.from(`document ${index}`));
      const signatures = await Promise.all(data.map((bytes) => session.sign(bytes)));
      signatures.forEach((signature, index) => expect(verify('sha256', data[index]!, card.rsa.leaf.publicKey, signature)).toBe(true));
      expect(session.cardPresent()).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('tries a wrong PIN once and reports it', async () => {
    const failure = await openPkcs11Session({ certificate: rsa, pin: '000000', modulePath: card.modulePath, env: {} }).catch((error: unknown) => error);
    expect(isGcisError(failure, 'ERR_PIN_INCORRECT')).toBe(true);
  });

  it('sees the card leave the reader', async () => {
    const session = await openPkcs11Session({ certificate: rsa, pin: card.pin, modulePath: card.modulePath, env: {} });
    try {
      await run('softhsm2-util', ['--delete-token', '--token', card.label], { env: { ...process.env, ...card.env } });
      expect(session.cardPresent()).toBe(false);
    } finally {
      await session.close();
    }
  });
});
