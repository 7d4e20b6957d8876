import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCard, type TestCard } from '@gcis/core/smartcard/testing';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { cardCertificate, fakeCard } from '../testing/fakeCard.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { cardList } from './cardList.js';

let card: TestCard;
beforeAll(async () => {
  card = await createTestCard({ label: 'Citizen Card' });
  Object.assign(process.env, card.env);
});
afterAll(() => card?.destroy());

describe('gcis card list on a SoftHSM2 card', () => {
  it('prints the card, its PIN status and each certificate’s CN, key ID, serial, issuer and validity', async () => {
    const { deps, stdout } = await fakeDeps({ env: { GCIS_PKCS11_MODULE: card.modulePath } });
    await cardList({}, deps);
    const text = stdout();
    expect(text).toMatch(new RegExp(`card +${card.tokenSerial} +Citizen Card +PIN: ok`));
    expect(text).toMatch(/certificate +王小明 \(RSA, key ID 01\)/);
    expect(text).toMatch(/certificate +王小明 \(EC, key ID 02\)/);
    expect(text).toContain(`serial     ${card.rsa.leaf.serialHex}`);
    expect(text).toContain('issuer     OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW');
    expect(text).toContain('key usage  digitalSignature, nonRepudiation');
  });

  it('prints one JSON array with --json, the DER included', async () => {
    const { deps, stdout } = await fakeDeps();
    await cardList({ json: true, pkcs11Module: card.modulePath }, deps);
    const listed = JSON.parse(stdout()) as Array<Record<string, unknown>>;
    expect(listed.map((entry) => entry.keyId)).toEqual(['01', '02']); // sorted: tokens list objects in any order
    expect(listed[0]).toMatchObject({
      tokenSerial: card.tokenSerial,
      tokenLabel: 'Citizen Card',
      keyId: '01',
      keyType: 'RSA',
      commonName: '王小明',
      serialNumber: card.rsa.leaf.serialHex,
      pinStatus: { countLow: false, finalTry: false, locked: false },
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      certificate: Buffer.from(card.rsa.leaf.der).toString('base64'),
    });
    expect(new Date(String(listed[0]!.notAfter)).getTime()).toBeGreaterThan(Date.now());
  });

  it('fails with ERR_PKCS11_MODULE for a module path that does not exist', async () => {
    const { deps } = await fakeDeps();
    expect(await errorCodeOf(cardList({ pkcs11Module: '/nonexistent/libcard.so' }, deps))).toBe('ERR_PKCS11_MODULE');
  });
});

describe('gcis card list', () => {
  it('shows a locked card as LOCKED', async () => {
    const listed = cardCertificate(card.rsa, { pinStatus: { countLow: true, finalTry: true, locked: true } });
    const { deps, stdout } = await fakeDeps({ openSigner: fakeCard([{ listed, pki: card.rsa }]).openSigner });
    await cardList({}, deps);
    expect(stdout()).toMatch(/PIN: LOCKED/);
  });
});
