import { children, contextTag, decodeSmallInteger, malformed, readTlv, tags, whole, content, type Tlv } from './der.js';
import { readAlgorithmIdentifier } from './algorithm.js';
import { readExtensions } from './extensions.js';
import { oids } from './oids.js';
import { walkRevokedList, type RevokedIndex } from './readRevokedList.js';
import { decodeTime } from './time.js';

/** CRL extensions a critical flag on which leaves the CRL usable here (RFC 5280 §5.2). */
const understoodCrlExtensions = new Set<string>([oids.cRLNumber, oids.authorityKeyIdentifier]);

/** `TBSCertList` fields in order; the optional ones are told apart by their tags. A generator: see walkRevokedList. */
export function* readTbsCertList(bytes: Buffer, tbs: Tlv): Generator<void, TbsCertList> {
  let offset = tbs.contentStart;
  const next = () => (offset < tbs.end ? readTlv(bytes, offset, tbs.end) : undefined);
  let field = next();
  let version = 1;
  if (field?.tag === tags.integer) {
    version = decodeSmallInteger(content(bytes, field), 'CRL version') + 1;
    if (version !== 2) throw malformed('CRL version');
    offset = field.end;
    field = next();
  }
  if (!field) throw malformed('TBSCertList');
  const innerAlgorithm = readAlgorithmIdentifier(bytes, field);
  offset = field.end;
  const issuer = next();
  if (issuer?.tag !== tags.sequence) throw malformed('CRL issuer');
  offset = issuer.end;
  const thisUpdateTlv = next();
  if (!thisUpdateTlv) throw malformed('CRL thisUpdate');
  const thisUpdate = decodeTime(bytes, thisUpdateTlv);
  offset = thisUpdateTlv.end;
  field = next();
  let nextUpdate: Date | undefined;
  if (field && (field.tag === tags.utcTime || field.tag === tags.generalizedTime)) {
    nextUpdate = decodeTime(bytes, field);
    offset = field.end;
    field = next();
  }
  // An absent list is read as an empty one.
  let revoked = yield* walkRevokedList(bytes, 0, 0, false);
  if (field?.tag === tags.sequence) {
    revoked = yield* walkRevokedList(bytes, field.contentStart, field.end, version === 2);
    offset = field.end;
    field = next();
  }
  let unusableReason = revoked.unusableReason;
  if (field) {
    if (field.tag !== contextTag(0) || version !== 2 || field.end !== tbs.end) throw malformed('CRL extensions');
    unusableReason ??= crlExtensionProblem(bytes, field);
  }
  return { innerAlgorithm, issuerDer: whole(bytes, issuer), thisUpdate, nextUpdate, revoked, unusableReason };
}

export type TbsCertList = {
  innerAlgorithm: ReturnType<typeof readAlgorithmIdentifier>;
  issuerDer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  revoked: RevokedIndex;
  unusableReason: string | undefined;
};

/**
 * Delta CRLs and CRLs with an issuingDistributionPoint cover only part of what the issuer
 * revoked; using one as a complete CRL could miss a revocation, so either makes the CRL
 * unusable here. Any other critical extension beyond cRLNumber / AKI does too (§5.2).
 */
function crlExtensionProblem(bytes: Buffer, wrapper: Tlv): string | undefined {
  const [sequence, extra] = children(bytes, wrapper);
  if (!sequence || extra) throw malformed('CRL extensions');
  for (const extension of readExtensions(bytes, sequence)) {
    if (extension.oid === oids.deltaCRLIndicator) return 'delta CRLs are not supported';
    if (extension.oid === oids.issuingDistributionPoint) return 'CRLs with an issuing distribution point are not supported';
    if (extension.critical && !understoodCrlExtensions.has(extension.oid)) return `critical CRL extension ${extension.oid} is not supported`;
  }
  return undefined;
}

