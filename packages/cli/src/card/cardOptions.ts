/** The flags that say which card and certificate to use, shared by `gcis login --method cert` and `gcis card …`. */
export type CardOptions = {
  /** `pkcs11` (default): the card's PKCS#11 module directly; `hipki`: the HiPKI local server. */
  signer?: 'pkcs11' | 'hipki';
  /** PKCS#11 module path; else GCIS_PKCS11_MODULE, else the usual HiCOS / OpenSC / SoftHSM2 paths. */
  pkcs11Module?: string;
  /** Token serial number (the card number `gcis card list` shows). */
  card?: string;
  /** Key ID (CKA_ID, hex) or certificate serial number (hex). */
  certificate?: string;
  /** File holding the PIN, mode 0600. */
  pinFile?: string;
  /** HiPKI: the `Origin` header to send (GCIS_HIPKI_ORIGIN); the component refuses origins it does not allow. */
  hipkiOrigin?: string;
  /** HiPKI: `pkcs1` (default) or `pkcs7` (GCIS_HIPKI_SIGNATURE). */
  hipkiSignature?: string;
  /** HiPKI: how the content travels, `none` (text, default) or `base64` (GCIS_HIPKI_TBS_ENCODING). */
  hipkiTbsEncoding?: string;
};

export const signerKinds = ['pkcs11', 'hipki'] as const;
