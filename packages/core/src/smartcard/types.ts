/**
 * What the token says about the user PIN: the CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY and
 * CKF_USER_PIN_LOCKED flags of CK_TOKEN_INFO (PKCS#11 v2.40 §3.2). A MOICA card locks after 3
 * wrong PINs, so a caller shows these before asking for the PIN.
 */
export type PinStatus = { countLow: boolean; finalTry: boolean; locked: boolean };

/** A certificate on a card, with what a signer needs to find its private key again. */
export type CardCertificate = {
  /** The PKCS#11 slot ID in decimal; for HiPKI, the slot's index in its list. */
  slotId: string;
  /** The slot description: the reader's name. */
  reader: string;
  tokenLabel: string;
  /** The token's serial number (for MOICA cards, the card number). */
  tokenSerial: string;
  /** CKA_ID of the certificate and its private key, lowercase hex; empty when the source does not tell (HiPKI). */
  keyId: string;
  label: string;
  /** DER. */
  certificate: Uint8Array;
  /** RFC 4514 subject, for display, e.g. `serialNumber=…,CN=王小明,C=TW`. */
  subject: string;
  keyType: 'RSA' | 'EC';
  pinStatus: PinStatus;
};

export type SignRequest = { certificate: CardCertificate; data: Uint8Array; pin: string };

/** A card the caller can sign with: directly over PKCS#11, or through the HiPKI local server. */
export interface Signer {
  listCertificates(): Promise<CardCertificate[]>;
  /**
   * Signs `data` with SHA-256 done by the token: PKCS#1 v1.5 for RSA, a DER ECDSA-Sig-Value
   * (RFC 3279 §2.2.3) for EC — the forms CMS carries as-is. Tries the PIN once, never again.
   */
  sign(request: SignRequest): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Allowed PIN lengths; PINs are digits only. */
export type PinLength = { min: number; max: number };
