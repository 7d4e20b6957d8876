import type { KeyObject } from 'node:crypto';
import type { MoicaIdentity } from '@gcis/core/x509';
import { issueCertificate } from '@gcis/core/x509/testing';
import type { EmulatorCa } from './emulatorState.js';

/**
 * What the emulator puts in a phone's certificate: `card` the MOICA citizen profile the card has
 * (C=TW, CN, serialNumber, the ID's last 4 digits in Subject Directory Attributes); `bare` only
 * C=TW and CN — no public sample of a real mobile certificate shows which it is.
 */
export type PhoneCertificateProfile = 'card' | 'bare';

export const phoneCertificateProfiles: readonly PhoneCertificateProfile[] = ['card', 'bare'];

/**
 * The phone's mobile certificate in `profile` (card by default), keyUsage digitalSignature +
 * nonRepudiation, for a year — or until the card certificate ends, if sooner.
 */
export function issueMobileCertificate({
  ca,
  devicePublicKey,
  card,
  cardNotAfter,
  now,
  profile = 'card',
}: {
  ca: EmulatorCa;
  devicePublicKey: KeyObject;
  card: MoicaIdentity;
  cardNotAfter: Date;
  now: Date;
  profile?: PhoneCertificateProfile;
}): Uint8Array {
  const yearLater = new Date(now.getTime() + 365 * 86_400_000);
  const cardProfile = profile === 'card';
  return issueCertificate({
    subject: cardProfile ? [['C', 'TW'], ['CN', card.name], ['serialNumber', card.serialNumber]] : [['C', 'TW'], ['CN', card.name]],
    publicKey: devicePublicKey,
    issuer: { name: ca.name, privateKey: ca.privateKey, publicKey: ca.publicKey },
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: cardNotAfter < yearLater ? cardNotAfter : yearLater,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    ...(cardProfile && { idLast4: card.idLast4 }),
  }).der;
}
