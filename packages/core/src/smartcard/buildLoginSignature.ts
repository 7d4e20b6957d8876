import { GcisError } from '../errors.js';
import { buildSignedData } from './lib/buildSignedData.js';
import { loginAttributes } from './lib/loginAttributes.js';
import type { CardCertificate, Signer } from './types.js';

export type LoginSignatureOptions = {
  signer: Signer;
  certificate: CardCertificate;
  pin: string;
  /** The bytes to sign, normally signedLoginContent(…). */
  content: Uint8Array;
  /** The server's challenge nonce, at least 4 bytes (RFC 2985 §5.6.3 randomNonce). */
  nonce: Uint8Array;
  signingTime: Date;
  /** The card number, as HiPKI adds it (2.16.886.1.100.2.204); usually certificate.tokenSerial. */
  cardSerial?: string;
};

/**
 * A CMS SignedData (RFC 5652 §5) over `content`, encapsulated, DER: one SignerInfo
 * (issuerAndSerialNumber, SHA-256) with signed attributes content-type, message-digest,
 * signing-time, nonce and — when given — the card serial, and the signer's certificate. The
 * same form as a HiPKI PKCS7 reply.
 */
export async function buildLoginSignature({
  signer,
  certificate,
  pin,
  content,
  nonce,
  signingTime,
  cardSerial,
}: LoginSignatureOptions): Promise<Uint8Array> {
  if (nonce.length < 4) throw new GcisError('ERR_INVALID_INPUT', 'The nonce must be at least 4 bytes');
  return buildSignedData({
    signer,
    certificate,
    pin,
    content,
    attributes: (digest) => loginAttributes({ digest, signingTime, nonce, cardSerial }),
  });
}
