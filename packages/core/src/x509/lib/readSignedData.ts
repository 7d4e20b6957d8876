import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm.js';
import { children, content, contextTag, decodeOid, malformed, readOnly, tags, whole, type Tlv } from './der.js';
import { serialHexFromInteger } from './serial.js';

/** The one signer of a SignedData, as encoded (RFC 5652 §5.3). */
export type SignerInfoParts = {
  /** issuerAndSerialNumber: the issuer Name's DER and the serial in canonical hex. */
  issuerDer: Uint8Array;
  serialHex: string;
  digestAlgorithm: AlgorithmIdentifier;
  /** The `[0] IMPLICIT SET OF Attribute` element, exactly as received. */
  signedAttrs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
};

export type SignedDataParts = {
  eContentType: string;
  eContent: Uint8Array;
  /** DER of each `Certificate` in the certificates field; other CertificateChoices are skipped. */
  certificates: Uint8Array[];
  signer: SignerInfoParts;
};

/** A SignedData whose content may be detached (RFC 5652 §5.2: eContent absent), as document signatures are. */
export type DetachableSignedDataParts = Omit<SignedDataParts, 'eContent'> & { eContent: Uint8Array | undefined };

const signedDataOid = '1.2.840.113549.1.7.2';
/** More than a leaf and its CAs is not a login signature; the cap bounds the work an attacker can cause. */
const maxCertificates = 8;

/**
 * Reads a DER ContentInfo holding a SignedData (RFC 5652 §3, §5.1) with encapsulated content
 * and exactly one SignerInfo identified by issuerAndSerialNumber. Structural checks only —
 * nothing is verified here. Throws `ERR_INVALID_INPUT` on anything else.
 */
export function readSignedData(der: Uint8Array): SignedDataParts;
export function readSignedData(der: Uint8Array, options: { allowDetached: true }): DetachableSignedDataParts;
export function readSignedData(der: Uint8Array, { allowDetached = false } = {}): DetachableSignedDataParts {
  const contentInfo = readOnly(der, tags.sequence, 'ContentInfo');
  const [contentType, explicit, extra] = children(der, contentInfo);
  if (contentType?.tag !== tags.oid || decodeOid(content(der, contentType)) !== signedDataOid) throw malformed('not a CMS SignedData');
  if (explicit?.tag !== contextTag(0) || extra) throw malformed('ContentInfo');
  const [signedData, extraInner] = children(der, explicit);
  if (signedData?.tag !== tags.sequence || extraInner) throw malformed('SignedData');

  const [version, digestAlgorithms, encap, ...rest] = children(der, signedData);
  if (version?.tag !== tags.integer || digestAlgorithms?.tag !== tags.set || encap?.tag !== tags.sequence) throw malformed('SignedData');
  const certificateSet = rest[0]?.tag === contextTag(0) ? rest.shift() : undefined;
  if (rest[0]?.tag === contextTag(1)) rest.shift(); // crls: not used for login
  const [signerInfos, tail] = rest;
  if (signerInfos?.tag !== tags.set || tail) throw malformed('SignedData');

  const signers = children(der, signerInfos);
  if (signers.length !== 1) throw malformed(`a login signature has exactly one SignerInfo, not ${signers.length}`);
  const certificates = certificateSet ? children(der, certificateSet).filter((c) => c.tag === tags.sequence).map((c) => whole(der, c)) : [];
  if (certificates.length > maxCertificates) throw malformed(`more than ${maxCertificates} certificates`);
  return { ...readEncapsulatedContent(der, encap, allowDetached), certificates, signer: readSignerInfo(der, signers[0]!) };
}

/** `EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }`; detached content is refused unless allowed. */
function readEncapsulatedContent(der: Uint8Array, encap: Tlv, allowDetached: boolean): { eContentType: string; eContent: Uint8Array | undefined } {
  const [type, wrapper, extra] = children(der, encap);
  if (type?.tag !== tags.oid || extra) throw malformed('EncapsulatedContentInfo');
  if (!wrapper && allowDetached) return { eContentType: decodeOid(content(der, type)), eContent: undefined };
  if (wrapper?.tag !== contextTag(0)) throw malformed('the signed content is missing (detached signatures are not accepted)');
  const [octets, extraOctets] = children(der, wrapper);
  // DER: a primitive OCTET STRING, never BER's constructed form.
  if (octets?.tag !== tags.octetString || extraOctets) throw malformed('eContent');
  return { eContentType: decodeOid(content(der, type)), eContent: content(der, octets) };
}

/** SignerInfo (RFC 5652 §5.3) with version 1 and issuerAndSerialNumber, as buildLoginSignature and HiPKI make it. */
function readSignerInfo(der: Uint8Array, info: Tlv): SignerInfoParts {
  if (info.tag !== tags.sequence) throw malformed('SignerInfo');
  const [version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature, ...rest] = children(der, info);
  if (version?.tag !== tags.integer || sid?.tag !== tags.sequence || !digestAlgorithm) throw malformed('SignerInfo: the signer must be named by issuer and serial number');
  if (signedAttrs?.tag !== contextTag(0)) throw malformed('SignerInfo without signed attributes');
  if (!signatureAlgorithm || signature?.tag !== tags.octetString) throw malformed('SignerInfo');
  if (rest.length > 1 || (rest[0] && rest[0].tag !== contextTag(1))) throw malformed('SignerInfo tail');
  const [issuer, serial, extra] = children(der, sid);
  if (issuer?.tag !== tags.sequence || serial?.tag !== tags.integer || extra) throw malformed('IssuerAndSerialNumber');
  return {
    issuerDer: whole(der, issuer),
    serialHex: serialHexFromInteger(der, serial.contentStart, serial.end),
    digestAlgorithm: readAlgorithmIdentifier(der, digestAlgorithm),
    signedAttrs: whole(der, signedAttrs),
    signatureAlgorithm: readAlgorithmIdentifier(der, signatureAlgorithm),
    signature: content(der, signature),
  };
}
