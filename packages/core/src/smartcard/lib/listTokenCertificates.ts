import { GcisError } from '../../errors.js';
import type { CardCertificate } from '../types.js';
import { findObjects, presentTokens, quietly, readAttribute, type Cryptoki, type PresentToken } from './cryptoki.js';
import { describeCertificate } from './describeCertificate.js';
import { pinStatusFromFlags } from './pin.js';

/** Every usable X.509 certificate on every card present. Certificates are public: no login. */
export function listTokenCertificates(cryptoki: Cryptoki): CardCertificate[] {
  const tokens = presentTokens(cryptoki);
  if (tokens.length === 0) {
    throw new GcisError('ERR_NO_CARD', 'No card found: insert the card into the reader');
  }
  const found = tokens.flatMap((token) => certificatesOn(cryptoki, token));
  if (found.length === 0) {
    throw new GcisError('ERR_CARD_CERT_NOT_FOUND', 'The card holds no certificate this toolkit can use');
  }
  return found;
}

function certificatesOn(cryptoki: Cryptoki, token: PresentToken): CardCertificate[] {
  const { ck, lib } = cryptoki;
  const session = lib.C_OpenSession(token.slot, ck.CKF_SERIAL_SESSION);
  try {
    const objects = findObjects(cryptoki, session, [
      { type: ck.CKA_CLASS, value: ck.CKO_CERTIFICATE },
      { type: ck.CKA_CERTIFICATE_TYPE, value: ck.CKC_X_509 },
    ]);
    return objects.flatMap((object) => {
      const certificate = new Uint8Array(readAttribute(cryptoki, session, object, ck.CKA_VALUE));
      const described = describeCertificate(certificate);
      if (!described) return [];
      return [
        {
          slotId: token.slotId,
          reader: token.reader,
          tokenLabel: token.label,
          tokenSerial: token.serial,
          keyId: readAttribute(cryptoki, session, object, ck.CKA_ID).toString('hex'),
          label: readAttribute(cryptoki, session, object, ck.CKA_LABEL).toString('utf8'),
          certificate,
          ...described,
          pinStatus: pinStatusFromFlags(token.flags),
        },
      ];
    });
  } finally {
    quietly(() => lib.C_CloseSession(session));
  }
}
