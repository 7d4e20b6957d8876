/**
 * Object identifiers of the login SignedData, shared by the card side that builds it and the
 * server side that reads it (RFC 5652 §11, RFC 2985 §5.6, HiPKI's card serial).
 */
export const loginAttributeOids = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  randomNonce: '1.2.840.113549.1.9.25.3',
  /** The card number HiPKI adds with withCardSN; in Taiwan's government arc 2.16.886. */
  cardSerial: '2.16.886.1.100.2.204',
} as const;

/** id-data: the encapsulated content is plain bytes (RFC 5652 §4). */
export const idData = '1.2.840.113549.1.7.1';
