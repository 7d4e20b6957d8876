import type { KeyObject } from 'node:crypto';
import type { MoicaIdentity } from '@gcis/core/x509';
import { issueCertificate } from '@gcis/core/x509/testing';
import type { EmulatorCa } from './emulatorState.js';

/**
 * The phone's mobile certificate, in the MOICA citizen profile the card has (C=TW, CN, serialNumber,
 * the ID's last 4 digits in Subject Directory Attributes), keyUsage digitalSignature +
 * nonRepudiation, for a year — or until the card certificate ends, if sooner.
 */
export function issueMobileCertificate({
  ca,
  devicePublicKey,
  card,
  cardNotAfter,
  now,
}: {
  ca: EmulatorCa;
  devicePublicKey: KeyObject;
  card: MoicaIdentity;
  cardNotAfter: Date;
  now: Date;
}): Uint8Array {
  const yearLater = new Date(now.getTime() + 365 * 86_400_000);
  return issueCertificate({
    subject: [['C', 'TW'], ['CN', card.name], ['serialNumber', card.serialNumber]],
    publicKey: devicePublicKey,
    issuer: { name: ca.name, privateKey: ca.privateKey, publicKey: ca.publicKey },
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: cardNotAfter < yearLater ? cardNotAfter : yearLater,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    idLast4: card.idLast4,
  }).der;
}
