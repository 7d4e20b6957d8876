import { sign } from 'node:crypto';
import type { TestCertificate } from '../../x509/testing/buildTestPki.js';
import { describeCertificate } from '../lib/describeCertificate.js';
import { GcisError } from '../../errors.js';
import type { CardCertificate, Signer } from '../types.js';

/**
 * A software "card" holding one test certificate and its node:crypto key, for tests that need
 * many signatures fast (no SoftHSM, no PIN counter). Signs SHA-256 PKCS#1 v1.5 or DER ECDSA,
 * the forms a PKCS#11 Signer returns; any PIN other than `pin` is refused.
 */
export function createKeySigner(
  certificate: Pick<TestCertificate, 'der' | 'privateKey'>,
  { pin = '123456', tokenSerial = '0000000000000001' }: { pin?: string; tokenSerial?: string } = {},
): Signer & { certificate: CardCertificate } {
  const described = describeCertificate(certificate.der);
  if (!described) throw new GcisError('ERR_INVALID_INPUT', 'The test certificate needs an RSA or EC key.');
  const card: CardCertificate = {
    slotId: '0',
    reader: 'Software Reader',
    tokenLabel: 'GCIS Key Signer',
    tokenSerial,
    keyId: '01',
    label: 'signing',
    certificate: certificate.der,
    ...described,
    pinStatus: { countLow: false, finalTry: false, locked: false },
  };
  return {
    certificate: card,
    listCertificates: async () => [card],
    sign: async ({ data, pin: given }) => {
      if (given !== pin) throw new GcisError('ERR_PIN_INCORRECT', 'Wrong PIN.');
      return new Uint8Array(sign('sha256', data, certificate.privateKey));
    },
    close: async () => undefined,
  };
}
