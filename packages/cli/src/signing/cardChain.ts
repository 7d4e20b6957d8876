import type { DescribedCertificate } from '../card/describeCardCertificates.js';

/**
 * The CA certificates the card holds besides the signer's (some cards carry their issuer's):
 * certificates with basicConstraints cA, other than the signing one, DER.
 */
export async function cardChain(listed: readonly DescribedCertificate[], signing: DescribedCertificate): Promise<Uint8Array[]> {
  const { parseCertificate } = await import('@gcis/core/x509');
  return listed
    .filter((entry) => entry !== signing && parseCertificate(entry.certificate).basicConstraints?.cA === true)
    .map((entry) => entry.certificate);
}
