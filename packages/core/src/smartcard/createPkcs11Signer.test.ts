import { createPublicKey, verify } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isGcisError } from '../errors.js';
import { createPkcs11Signer } from './createPkcs11Signer.js';
import { createTestCard, type TestCard } from './testing/createTestCard.js';
import { createSoftHsm, createSoftHsmToken, type SoftHsm } from './testing/softhsmToken.js';
import { isPinError, type CardCertificate, type Signer } from './index.js';

/** SoftHSM reads SOFTHSM2_CONF at each C_Initialize: point it at the instance a test uses. */
const use = (softHsm: SoftHsm) => Object.assign(process.env, softHsm.env);
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (isGcisError(error) ? error.code : error),
  );
const data = new TextEncoder().encode('challenge to sign');

let card: TestCard;
let signer: Signer;
let rsa: CardCertificate;
let ec: CardCertificate;
const logins = vi.spyOn(pkcs11js.PKCS11.prototype, 'C_Login');

beforeAll(async () => {
  card = await createTestCard();
  use(card);
  signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  const listed = await signer.listCertificates();
  rsa = listed.find((certificate) => certificate.keyId === '01')!;
  ec = listed.find((certificate) => certificate.keyId === '02')!;
});
afterEach(() => {
  use(card);
  logins.mockClear();
});
afterAll(async () => {
  await signer?.close();
  await card?.destroy();
});

describe('createPkcs11Signer on a SoftHSM2 card', () => {
  it('lists both certificates with their token, key ID and key type', async () => {
    const listed = await signer.listCertificates();
    expect(listed).toHaveLength(2);
    expect(rsa).toMatchObject({
      slotId: card.slotId,
      tokenLabel: 'GCIS Test Card',
      tokenSerial: card.tokenSerial,
      label: 'RSA signing',
      keyType: 'RSA',
      pinStatus: { countLow: false, finalTry: false, locked: false },
    });
    expect(rsa.subject).toContain('CN=王小明');
    expect(rsa.reader).toMatch(/SoftHSM/);
    expect(Buffer.from(rsa.certificate).equals(Buffer.from(card.rsa.leaf.der))).toBe(true);
    expect(ec).toMatchObject({ keyType: 'EC', label: 'EC signing' });
    expect(logins).not.toHaveBeenCalled();
  });

  it('signs with the RSA key (CKM_SHA256_RSA_PKCS); the certificate key verifies it', async () => {
    const signature = await signer.sign({ certificate: rsa, data, pin: card.pin });
    expect(verify('sha256', data, createPublicKey(card.rsa.leaf.pem), signature)).toBe(true);
    expect(logins).toHaveBeenCalledTimes(1);
  });

  it('signs with the EC key and returns a DER ECDSA-Sig-Value', async () => {
    const signature = await signer.sign({ certificate: ec, data, pin: card.pin });
    expect(signature[0]).toBe(0x30);
    expect(verify('sha256', data, { key: createPublicKey(card.ec.leaf.pem), dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('tries a wrong PIN once, reports it with the token flags, and the card still takes the right PIN', async () => {
    const error = await signer.sign({ certificate: rsa, data, pin: '654321' }).catch((caught: unknown) => caught);
    expect(isGcisError(error, 'ERR_PIN_INCORRECT')).toBe(true);
    expect(isPinError(error) && error.pinStatus).toMatchObject({ finalTry: false, locked: false });
    // SoftHSM raises CKF_USER_PIN_COUNT_LOW after a failed login, so the flags were read again.
    expect(isPinError(error) && error.pinStatus.countLow).toBe(true);
    expect(logins).toHaveBeenCalledTimes(1);
    const signature = await signer.sign({ certificate: rsa, data, pin: card.pin });
    expect(verify('sha256', data, createPublicKey(card.rsa.leaf.pem), signature)).toBe(true);
  });

  it.each(['12345', '123456789', '12a456', ' 123456', ''])('refuses the PIN %j before the card sees it', async (pin) => {
    expect(await codeOf(signer.sign({ certificate: rsa, data, pin }))).toBe('ERR_PIN_FORMAT');
    expect(logins).not.toHaveBeenCalled();
    await signer.sign({ certificate: rsa, data, pin: card.pin });
  });

  it('accepts the PIN lengths it is configured with', async () => {
    const short = await createPkcs11Signer({ modulePath: card.modulePath, env: {}, pinLength: { min: 4, max: 4 } });
    expect(await codeOf(short.sign({ certificate: rsa, data, pin: card.pin }))).toBe('ERR_PIN_FORMAT');
    expect(await codeOf(short.sign({ certificate: rsa, data, pin: '1234' }))).toBe('ERR_PIN_INCORRECT');
    await short.close();
  });

  it('fails with ERR_NO_CARD, before any login, when the chosen card is not in a reader', async () => {
    const elsewhere = { ...rsa, tokenSerial: 'ffffffffffffffff' };
    expect(await codeOf(signer.sign({ certificate: elsewhere, data, pin: card.pin }))).toBe('ERR_NO_CARD');
    expect(logins).not.toHaveBeenCalled();
  });

  it('fails with ERR_CARD_CERT_NOT_FOUND, before any login, when the certificate is not on the card', async () => {
    const swapped = { ...rsa, certificate: card.rsa.intermediate.der };
    expect(await codeOf(signer.sign({ certificate: swapped, data, pin: card.pin }))).toBe('ERR_CARD_CERT_NOT_FOUND');
    expect(logins).not.toHaveBeenCalled();
  });

  it('refuses to work once closed', async () => {
    const closing = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
    await closing.close();
    expect(await codeOf(closing.listCertificates())).toBe('ERR_USAGE');
  });
});

describe('createPkcs11Signer without a usable card', () => {
  it('fails with ERR_NO_CARD when no reader holds an initialised token', async () => {
    const empty = await createSoftHsm();
    use(empty);
    const bare = await createPkcs11Signer({ modulePath: empty.modulePath, env: {} });
    expect(await codeOf(bare.listCertificates())).toBe('ERR_NO_CARD');
    await bare.close();
    await empty.destroy();
  });

  it('fails with ERR_CARD_CERT_NOT_FOUND on a card without certificates', async () => {
    const blank = await createSoftHsmToken({ label: 'blank', pin: '123456', soPin: '12345678', keys: [] });
    use(blank);
    const bare = await createPkcs11Signer({ modulePath: blank.modulePath, env: {} });
    expect(await codeOf(bare.listCertificates())).toBe('ERR_CARD_CERT_NOT_FOUND');
    await bare.close();
    await blank.destroy();
  });

  it('fails with ERR_PKCS11_MODULE for a missing module, from the path or the environment', async () => {
    expect(await codeOf(createPkcs11Signer({ modulePath: '/nonexistent/libHicos_p11.so', env: {} }))).toBe('ERR_PKCS11_MODULE');
    expect(await codeOf(createPkcs11Signer({ env: { GCIS_PKCS11_MODULE: '/nonexistent/p11.so' } }))).toBe('ERR_PKCS11_MODULE');
  });

  it('fails with ERR_PKCS11_MODULE for a file that is not a PKCS#11 module', async () => {
    const notAModule = join(card.directory, 'not-a-module.so');
    await writeFile(notAModule, 'plain text');
    expect(await codeOf(createPkcs11Signer({ modulePath: notAModule, env: {} }))).toBe('ERR_PKCS11_MODULE');
  });
});
