import type { KeyObject } from 'node:crypto';
import { buildTestPki, type TestPki } from '../../x509/testing/buildTestPki.js';
import { createSoftHsmToken, type SoftHsmToken } from './softhsmToken.js';

/** A SoftHSM2 "card" with a MOICA-shaped RSA certificate (CKA_ID 01) and an EC P-256 one (02). */
export type TestCard = SoftHsmToken & { rsa: TestPki; ec: TestPki };

/**
 * A test card for signer tests, end-to-end tests and examples/test-card: each key's certificate
 * chains to its own test root (see buildTestPki), valid at `now`.
 */
export async function createTestCard({
  label = 'GCIS Test Card',
  pin = '123456',
  soPin = '12345678',
  now,
}: { label?: string; pin?: string; soPin?: string; now?: Date } = {}): Promise<TestCard> {
  const rsa = buildTestPki({ now });
  const ec = buildTestPki({ now, keyType: 'ec' });
  const pkcs8 = (key: KeyObject) => new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  const token = await createSoftHsmToken({
    label,
    pin,
    soPin,
    keys: [
      { id: '01', label: 'RSA signing', certificateDer: rsa.leaf.der, privateKeyPkcs8Der: pkcs8(rsa.leaf.privateKey) },
      { id: '02', label: 'EC signing', certificateDer: ec.leaf.der, privateKeyPkcs8Der: pkcs8(ec.leaf.privateKey) },
    ],
  });
  return { ...token, rsa, ec };
}
