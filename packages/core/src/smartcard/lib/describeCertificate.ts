import { createPublicKey } from 'node:crypto';
import { parseCertificate } from '../../x509/parseCertificate.js';
import type { CardCertificate } from '../types.js';

/**
 * Subject and key type of a card certificate, or undefined for one this toolkit cannot use
 * (unparsable, or a key neither RSA nor EC) — the server would refuse it anyway.
 */
export function describeCertificate(der: Uint8Array): Pick<CardCertificate, 'subject' | 'keyType'> | undefined {
  try {
    const { subject, spkiDer } = parseCertificate(der);
    const type = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' }).asymmetricKeyType;
    if (type === 'rsa') return { subject, keyType: 'RSA' };
    if (type === 'ec') return { subject, keyType: 'EC' };
    return undefined;
  } catch {
    return undefined;
  }
}
