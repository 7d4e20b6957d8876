/**
 * Client side of certificate login (自然人憑證): list the certificates on a card, sign with it
 * over PKCS#11 or through the HiPKI local server, and wrap the signature of a login challenge
 * in CMS SignedData for the server to verify.
 */
export type { CardCertificate, PinLength, PinStatus, SignRequest, Signer } from './types.js';
export { createPkcs11Signer } from './createPkcs11Signer.js';
export type { Pkcs11SignerOptions } from './createPkcs11Signer.js';
export { createHipkiSigner } from './createHipkiSigner.js';
export type { HipkiSignature, HipkiSignatureType, HipkiSigner, HipkiSignerOptions, HipkiSignRequest } from './createHipkiSigner.js';
export { hipkiTbsEncodings } from './lib/hipkiTbs.js';
export type { HipkiTbsEncoding } from './lib/hipkiTbs.js';
export { buildLoginSignature } from './buildLoginSignature.js';
export type { LoginSignatureOptions } from './buildLoginSignature.js';
export { signedLoginContent } from './signedLoginContent.js';
export type { LoginContent } from './signedLoginContent.js';
export { isPinError, moicaPinLength, pinStatusFromFlags } from './lib/pin.js';
export type { PinError } from './lib/pin.js';
export { defaultModulePaths } from './lib/modulePaths.js';
export { attributeOids as loginAttributeOids } from './lib/loginAttributes.js';
export { buildDocumentSignature } from './buildDocumentSignature.js';
export type { DocumentSignatureOptions } from './buildDocumentSignature.js';
export { openPkcs11Session } from './openPkcs11Session.js';
export type { Pkcs11Session, Pkcs11SessionOptions } from './openPkcs11Session.js';
