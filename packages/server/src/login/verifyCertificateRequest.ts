import { GcisError } from '@gcis/core';
import type { CertificateLoginRequest } from '@gcis/core/api';
import { verifyLoginSignature, type LoginSignatureInput } from '@gcis/core/x509';
import type { AppContext } from '../context.js';

/** How long a certificate challenge can be signed and sent back (5 minutes). */
export const certificateChallengeSeconds = 300;

/**
 * The server half of a certificate login or binding: consumes the challenge (single use, even
 * when what follows fails), then verifies the signature, content, origin and certificate path
 * against the trust in force. Returns the verified result or throws its GcisError code.
 */
export async function verifyCertificateRequest(context: AppContext, body: CertificateLoginRequest) {
  const { store, config, clock } = context;
  const now = clock.now();
  const row = await store.certificateChallenges.take(body.challengeId);
  if (!row || row.used) throw new GcisError('ERR_CHALLENGE_UNKNOWN', 'This challenge is unknown or was already used; ask for a new one.');
  if (new Date(row.expires_at).getTime() <= now.getTime()) throw new GcisError('ERR_CHALLENGE_EXPIRED', 'This challenge has expired; ask for a new one.');
  if (!config.origin) throw new GcisError('ERR_INTERNAL', 'The server has no origin configured for certificate login.');

  const { anchors, intermediates, crls } = context.certificates.current();
  if (anchors.length === 0) {
    throw new GcisError('ERR_CERT_UNTRUSTED', 'This server trusts no certificate authority yet (gcis-server trust add / install-production).');
  }
  const result = verifyLoginSignature(decodeRequest(body), {
    challenge: row.challenge,
    origin: config.origin,
    at: now,
    trustAnchors: anchors,
    intermediates,
    crls,
    revocation: config.revocation,
    // A required policy (config certificatePolicies) must hold for the whole path (§6.1.1 (c)–(d)).
    ...(config.certificatePolicies.length > 0 && { policy: { initialPolicySet: config.certificatePolicies, explicitPolicy: true } }),
  });
  if (!result.ok) throw new GcisError(result.code, result.message);
  return result;
}

function decodeRequest(body: CertificateLoginRequest): LoginSignatureInput {
  // Node's base64 decoder reads both alphabets (RFC 4648 §4 and §5), as the schema allows.
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
  if ('signature' in body) return { signature: bytes(body.signature) };
  return { pkcs1: bytes(body.pkcs1), certificate: bytes(body.certificate), content: bytes(body.content) };
}
