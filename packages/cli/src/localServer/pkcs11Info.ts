import { X509Certificate } from 'node:crypto';
import type { CardCertificate, Signer } from '@gcis/core/smartcard';
import { codesForError, failure } from './hipkiCodes.js';

/**
 * `pkcs11info`: the readers holding a card, each token's label and serial and — with
 * `withcert=true` — its certificates, in the shape of the HiPKI component's reply (no token
 * flags: no public reply carries them). No card at all: an empty slot list.
 */
export async function pkcs11Info(signer: Signer, withCert: boolean): Promise<Record<string, unknown>> {
  let listed: CardCertificate[];
  try {
    listed = await signer.listCertificates();
  } catch (error) {
    const { code } = error as { code?: string };
    if (code === 'ERR_NO_CARD' || code === 'ERR_CARD_CERT_NOT_FOUND') return { func: 'pkcs11info', ret_code: 0, last_error: 0, slots: [] };
    const { retCode, lastError } = codesForError(error);
    return failure('pkcs11info', retCode, lastError);
  }
  const slots = new Map<string, { slotDescription: string; token: { label: string; serialNumber: string; certs: unknown[] } }>();
  for (const entry of listed) {
    const slot = slots.get(entry.slotId) ?? { slotDescription: entry.reader, token: { label: entry.tokenLabel, serialNumber: entry.tokenSerial, certs: [] } };
    slots.set(entry.slotId, slot);
    const x509 = new X509Certificate(entry.certificate);
    slot.token.certs.push({
      label: entry.label,
      subjectDN: x509.subject.replace(/\n/g, ','),
      sn: x509.serialNumber,
      ...(withCert && { certb64: Buffer.from(entry.certificate).toString('base64') }),
    });
  }
  return { func: 'pkcs11info', ret_code: 0, last_error: 0, slots: [...slots.values()] };
}
