import type { Clock } from '@gcis/core/ports';
import type { CardCertificate, Signer } from '@gcis/core/smartcard';
import { chooseServerCertificate } from './chooseServerCertificate.js';
import { codesForError, failure, retCodes } from './hipkiCodes.js';

export type SignOutcome = { reply: Record<string, unknown>; certificate?: CardCertificate };

/**
 * `MakeSignature` as the HiPKI component does it: `tbs` as UTF-8 text (tbsEncoding NONE) or
 * base64, SHA-256, the PIN of this request tried once; PKCS1 gives the bare signature, PKCS7 a
 * CMS SignedData with signing-time, the nonce (hex-decoded when it is hex) and, with withCardSN,
 * the card serial. The reply carries the certificate, and the card serial when asked.
 */
export async function makeSignature(tbsPackage: Record<string, unknown>, signer: Signer, clock: Clock): Promise<SignOutcome> {
  const { tbs, tbsEncoding = 'NONE', hashAlgorithm = 'SHA256', signatureType = 'PKCS7', pin, nonce, withCardSN, slotDescription } = tbsPackage;
  const fail = (retCode: number, lastError = 0) => ({ reply: failure('sign', retCode, lastError) });
  const data = tbsBytes(tbs, tbsEncoding);
  const wellFormed = typeof hashAlgorithm === 'string' && hashAlgorithm.toUpperCase() === 'SHA256' && (signatureType === 'PKCS1' || signatureType === 'PKCS7');
  if (!data || !wellFormed) return fail(retCodes.parameterError);
  if (typeof pin !== 'string' || pin === '') return fail(retCodes.noPin);

  let certificate: CardCertificate | undefined;
  try {
    certificate = await chooseServerCertificate(signer, slotDescription);
    if (!certificate) return fail(retCodes.certificateNotFound);
    const { buildLoginSignature } = await import('@gcis/core/smartcard');
    const withSerial = withCardSN === true || withCardSN === 'true';
    const signature =
      signatureType === 'PKCS1'
        ? await signer.sign({ certificate, data, pin })
        : await buildLoginSignature({
            signer,
            certificate,
            pin,
            content: data,
            nonce: nonceBytes(nonce),
            signingTime: clock.now(),
            ...(withSerial && { cardSerial: certificate.tokenSerial }),
          });
    const reply = {
      func: 'sign',
      ret_code: 0,
      last_error: 0,
      signature: Buffer.from(signature).toString('base64'),
      certb64: Buffer.from(certificate.certificate).toString('base64'),
      ...(withSerial && { cardSN: certificate.tokenSerial }),
    };
    return { reply, certificate };
  } catch (error) {
    const { retCode, lastError } = codesForError(error);
    return { reply: failure('sign', retCode, lastError), ...(certificate && { certificate }) };
  }
}

function tbsBytes(tbs: unknown, encoding: unknown): Uint8Array | undefined {
  if (typeof tbs !== 'string') return undefined;
  if (encoding === 'NONE') return new Uint8Array(Buffer.from(tbs, 'utf8'));
  if (encoding === 'base64' && /^[A-Za-z0-9+/]*={0,2}$/.test(tbs)) return new Uint8Array(Buffer.from(tbs, 'base64'));
  return undefined;
}

/** The nonce attribute: the bytes of a hex nonce (createHipkiSigner sends 16 random bytes in hex), else the text; at least 4 bytes. */
function nonceBytes(nonce: unknown): Uint8Array {
  const text = typeof nonce === 'string' ? nonce : '';
  const bytes = /^([0-9A-Fa-f]{2}){4,}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
  return new Uint8Array(bytes.length >= 4 ? bytes : Buffer.concat([bytes, Buffer.alloc(4 - bytes.length)]));
}
