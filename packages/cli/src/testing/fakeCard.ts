import { sign as signWithKey } from 'node:crypto';
import { GcisError } from '@gcis/core/errors';
import type { CardCertificate, PinStatus, SignRequest, Signer } from '@gcis/core/smartcard';
import type { TestPki } from '@gcis/core/x509/testing';
import type { SignerChoice } from '../deps.js';

const calm: PinStatus = { countLow: false, finalTry: false, locked: false };

/** A certificate as a signer lists it, from a test PKI's leaf; override the card fields per test. */
export function cardCertificate(pki: TestPki, overrides: Partial<CardCertificate> = {}): CardCertificate {
  return {
    slotId: '0',
    reader: 'Fake Reader 00',
    tokenLabel: 'HiCOS',
    tokenSerial: 'TP0000000000001',
    keyId: '01',
    label: 'signing',
    certificate: pki.leaf.der,
    subject: `serialNumber=${pki.identity.serialNumber},CN=${pki.identity.name},C=TW`,
    keyType: pki.leaf.publicKey.asymmetricKeyType === 'rsa' ? 'RSA' : 'EC',
    pinStatus: calm,
    ...overrides,
  };
}

/**
 * A card that signs with the test PKI's leaf keys and takes one PIN, recording each sign call.
 * A wrong PIN rejects the way core's signers do, with the token's flags as `afterWrongPin`.
 */
export function fakeCard(
  entries: ReadonlyArray<{ listed: CardCertificate; pki: TestPki }>,
  { pin = '123456', afterWrongPin = { ...calm, countLow: true } }: { pin?: string; afterWrongPin?: PinStatus } = {},
) {
  const signs: SignRequest[] = [];
  const opened: SignerChoice[] = [];
  let closed = 0;
  const signer: Signer = {
    listCertificates: async () => entries.map((entry) => entry.listed),
    async sign(request) {
      signs.push(request);
      if (request.pin !== pin) {
        const code = afterWrongPin.locked ? 'ERR_PIN_LOCKED' : 'ERR_PIN_INCORRECT';
        throw Object.assign(new GcisError(code, 'Wrong PIN'), { pinStatus: afterWrongPin });
      }
      const entry = entries.find((candidate) => candidate.listed.certificate === request.certificate.certificate);
      if (!entry) throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'not on this card');
      return new Uint8Array(signWithKey('sha256', request.data, entry.pki.leaf.privateKey));
    },
    async close() {
      closed += 1;
    },
  };
  return {
    signs,
    opened,
    closed: () => closed,
    openSigner: async (choice: SignerChoice) => {
      opened.push(choice);
      return signer;
    },
  };
}
