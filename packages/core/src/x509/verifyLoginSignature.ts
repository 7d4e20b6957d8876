import { createPublicKey } from 'node:crypto';
import { GcisError, type GcisErrorCode } from '../errors.js';
import { equalBytes } from './lib/der.js';
import { oids } from './lib/oids.js';
import { readLoginContent, type SignedLoginContent } from './lib/readLoginContent.js';
import { readSignedData } from './lib/readSignedData.js';
import type { CertPathErrorCode } from './lib/result.js';
import { checkSignature, verifySignerInfo, verifySignerPath } from './lib/verifySignerInfo.js';
import { parseCertificate, type ParsedCert } from './parseCertificate.js';
import { parseMoicaIdentity, type MoicaIdentity } from './parseMoicaIdentity.js';
import type { TrustInputs } from './verifyCertificatePath.js';

/** What a client sends: a CMS SignedData (DER), or a bare PKCS#1 signature over `content` with its certificate. */
export type LoginSignatureInput = { signature: Uint8Array } | { pkcs1: Uint8Array; certificate: Uint8Array; content: Uint8Array };

export type VerifyLoginSignatureOptions = {
  /** The challenge this server issued (and has just consumed) for this login. */
  challenge: string;
  /** This server's public origin, e.g. `https://gcis.example`. */
  origin: string;
  /** How far issuedAt and signing-time may be from `at`; default 300. */
  maxSkewSeconds?: number;
} & TrustInputs;

export type LoginSignatureErrorCode =
  | CertPathErrorCode
  | Extract<GcisErrorCode, 'ERR_SIGNATURE_MALFORMED' | 'ERR_SIGNATURE_INVALID' | 'ERR_CERT_PROFILE' | 'ERR_CHALLENGE_MISMATCH' | 'ERR_ORIGIN_MISMATCH' | 'ERR_CHALLENGE_EXPIRED'>;

export type LoginIdentity = MoicaIdentity & {
  /** RFC 4514 subject of the signer certificate. */
  subject: string;
  /** The card number from the 2.16.886.1.100.2.204 signed attribute, when the client sent one. */
  cardSerial: string | undefined;
};

export type LoginSignatureResult =
  | { ok: true; identity: LoginIdentity; content: SignedLoginContent; certificate: ParsedCert; path: ParsedCert[]; policies: string[] }
  | { ok: false; code: LoginSignatureErrorCode; message: string };

/**
 * Verifies a certificate-login signature (RFC 5652 §5): exactly one SignerInfo named by issuer
 * and serial, whose certificate is in the SignedData; signed attributes with content-type id-data
 * (matching eContentType), message-digest = SHA-256 of the encapsulated content and signing-time
 * within `maxSkewSeconds` of `at`; the signature over the DER SET OF those attributes (§5.4) by the
 * certificate's key (RSA PKCS#1 v1.5 or ECDSA, SHA-256). The content must be the canonical
 * `{challenge, origin, issuedAt}` with this server's challenge and origin and issuedAt within the
 * skew, and a nonce attribute, if any, equal to the challenge's base64url bytes; then the certificate path (RFC 5280 §6.1, keyUsage digitalSignature, CRLs as `revocation`
 * says) and the MOICA profile. The PKCS#1 form skips the CMS steps and signing-time.
 * Rejections are results with a stable code; misuse (bad options) throws.
 */
export function verifyLoginSignature(input: LoginSignatureInput, options: VerifyLoginSignatureOptions): LoginSignatureResult {
  const { challenge, origin, at, trustAnchors, intermediates = [], crls = [], revocation, maxSkewSeconds = 300, policy } = options;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  if (!challenge || !origin) throw new GcisError('ERR_INVALID_INPUT', 'The expected challenge and origin are required.');
  if (!(maxSkewSeconds >= 0)) throw new GcisError('ERR_INVALID_INPUT', '`maxSkewSeconds` must be ≥ 0.');

  let signed: SignedParts;
  try {
    signed = 'signature' in input ? readCms(input.signature) : readPkcs1(input);
  } catch (error) {
    if (error instanceof GcisError && error.code === 'ERR_INVALID_INPUT') return fail('ERR_SIGNATURE_MALFORMED', error.message);
    throw error;
  }
  if ('code' in signed) return signed;
  const { certificate, content, signingTime, nonce, extraCertificates, cardSerial } = signed;

  const skew = maxSkewSeconds * 1000;
  if (content.challenge !== challenge) return fail('ERR_CHALLENGE_MISMATCH', 'The signature is for another challenge.');
  // The nonce attribute, when present, carries the same challenge as bytes (base64url-decoded), as buildLoginSignature's callers set it.
  if (nonce && !equalBytes(nonce, Buffer.from(challenge, 'base64url'))) return fail('ERR_CHALLENGE_MISMATCH', 'The nonce attribute is not this challenge.');
  if (content.origin !== origin) return fail('ERR_ORIGIN_MISMATCH', `The signature is for ${JSON.stringify(content.origin)}, not this server (${origin}).`);
  for (const [what, time] of [['issuedAt', content.issuedAt], ['signing-time', signingTime]] as const) {
    if (time && Math.abs(time.getTime() - at.getTime()) > skew) {
      return fail('ERR_CHALLENGE_EXPIRED', `The ${what} ${time.toISOString()} is more than ${maxSkewSeconds} s from the server's time; check the clock.`);
    }
  }

  const path = verifySignerPath({ certificate, extraCertificates }, { at, trustAnchors, intermediates, crls, revocation, ...(policy && { policy }) });
  if (!path.ok) return path;
  let identity: MoicaIdentity;
  try {
    identity = parseMoicaIdentity(certificate);
  } catch (error) {
    if (error instanceof GcisError && error.code === 'ERR_INVALID_INPUT') return fail('ERR_CERT_PROFILE', error.message);
    throw error;
  }
  return { ok: true, identity: { ...identity, subject: certificate.subject, cardSerial }, content, certificate, path: path.path, policies: path.policies };
}

type SignedParts =
  | {
      certificate: ParsedCert;
      content: SignedLoginContent;
      signingTime: Date | undefined;
      nonce: Uint8Array | undefined;
      extraCertificates: ParsedCert[];
      cardSerial: string | undefined;
    }
  | { ok: false; code: LoginSignatureErrorCode; message: string };

function readCms(der: Uint8Array): SignedParts {
  const parts = readSignedData(der);
  const verified = verifySignerInfo(parts, parts.eContent);
  if ('code' in verified) return verified;
  const { certificate, attributes, extraCertificates } = verified;
  return {
    certificate,
    content: readLoginContent(parts.eContent),
    signingTime: attributes.signingTime,
    nonce: attributes.nonce,
    extraCertificates,
    cardSerial: attributes.cardSerial,
  };
}

/** HiPKI's `signatureType: PKCS1`: a SHA-256 signature straight over the content bytes. */
function readPkcs1({ pkcs1, certificate: der, content }: { pkcs1: Uint8Array; certificate: Uint8Array; content: Uint8Array }): SignedParts {
  const certificate = parseCertificate(der);
  const algorithm = keyType(certificate) === 'ec' ? oids.ecdsaWithSHA256 : oids.sha256WithRSA;
  const failure = checkSignature({ oid: algorithm, parameters: undefined, der: new Uint8Array() }, content, pkcs1, certificate);
  if (failure) return failure;
  return { certificate, content: readLoginContent(content), signingTime: undefined, nonce: undefined, extraCertificates: [], cardSerial: undefined };
}

function keyType(certificate: ParsedCert): string | undefined {
  try {
    return createPublicKey({ key: Buffer.from(certificate.spkiDer), format: 'der', type: 'spki' }).asymmetricKeyType;
  } catch {
    return undefined; // verifySignature says why the key is unusable
  }
}

const fail = (code: LoginSignatureErrorCode, message: string) => ({ ok: false as const, code, message });
