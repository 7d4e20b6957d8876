import type { CardCertificate } from '@gcis/core/smartcard';

/** A card certificate with the facts people tell certificates apart by. */
export type DescribedCertificate = CardCertificate & {
  commonName: string;
  /** Lowercase hex, as `openssl x509 -serial` prints it. */
  serialHex: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** Absent when the certificate has no keyUsage extension (any use allowed, RFC 5280 §4.2.1.3). */
  keyUsage: string[] | undefined;
  thumbprintSha256: string;
};

/**
 * Reads subject CN, serial, issuer, validity and key usage of each certificate a signer listed,
 * in a stable order (slot, key ID, serial): tokens return their objects in no particular order.
 */
export async function describeCardCertificates(listed: readonly CardCertificate[]): Promise<DescribedCertificate[]> {
  const { parseCertificate } = await import('@gcis/core/x509');
  const described = listed.map((certificate) => {
    const parsed = parseCertificate(certificate.certificate);
    return {
      ...certificate,
      commonName: commonNameOf(parsed.subject) ?? parsed.subject,
      serialHex: parsed.serialHex,
      issuer: parsed.issuer,
      notBefore: parsed.notBefore,
      notAfter: parsed.notAfter,
      keyUsage: parsed.keyUsage && [...parsed.keyUsage],
      thumbprintSha256: parsed.thumbprintSha256,
    };
  });
  const order = (a: DescribedCertificate, b: DescribedCertificate) =>
    a.slotId.localeCompare(b.slotId, 'en', { numeric: true }) || a.keyId.localeCompare(b.keyId) || a.serialHex.localeCompare(b.serialHex);
  return described.sort(order);
}

/** The CN of an RFC 4514 string (as core formats subjects), unescaped. */
function commonNameOf(subject: string): string | undefined {
  const value = /(?:^|[,+])CN=((?:\\.|[^,+\\])*)/.exec(subject)?.[1];
  return value?.replace(/\\(.)/g, '$1');
}
