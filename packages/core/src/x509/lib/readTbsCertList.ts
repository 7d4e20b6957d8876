import { contextTag, decodeSmallInteger, malformed, readTlv, tags, whole, content, type Tlv } from './der.js';
import { readAlgorithmIdentifier } from './algorithm.js';
import { readCrlExtensions, type CrlExtensions } from './readCrlExtensions.js';
import { walkRevokedList, type RevokedIndex } from './readRevokedList.js';
import { decodeTime } from './time.js';

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
  const issuerDer = whole(bytes, issuer);
  // An absent list is read as an empty one.
  let revoked = yield* walkRevokedList(bytes, 0, 0, false, issuerDer);
  if (field?.tag === tags.sequence) {
    revoked = yield* walkRevokedList(bytes, field.contentStart, field.end, version === 2, issuerDer);
    offset = field.end;
    field = next();
  }
  if (field && (field.tag !== contextTag(0) || version !== 2 || field.end !== tbs.end)) throw malformed('CRL extensions');
  const extensions = readCrlExtensions(bytes, field);
  let unusableReason = revoked.unusableReason ?? extensions.unusableReason;
  // §5.3.3: certificateIssuer belongs in indirect CRLs only; elsewhere its entries' issuer is unclear.
  if (revoked.indirectEntries && !extensions.issuingDistributionPoint?.indirectCrl) {
    unusableReason ??= 'entries name a certificateIssuer but the CRL is not marked indirect';
  }
  return { innerAlgorithm, issuerDer, thisUpdate, nextUpdate, revoked, extensions: { ...extensions, unusableReason } };
}

export type TbsCertList = {
  innerAlgorithm: ReturnType<typeof readAlgorithmIdentifier>;
  issuerDer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  revoked: RevokedIndex;
  extensions: CrlExtensions;
};
