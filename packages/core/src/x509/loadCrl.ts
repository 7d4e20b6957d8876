import { GcisError } from '../errors.js';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './lib/algorithm.js';
import { children, content, decodeSmallInteger, equalBytes, malformed, readOnly, readTlv, tags, whole } from './lib/der.js';
import { readExtensions } from './lib/extensions.js';
import { formatName } from './lib/formatName.js';
import { sameName } from './lib/compareNames.js';
import { oids } from './lib/oids.js';
import type { IssuingDistributionPoint } from './lib/readDistributionPoints.js';
import { indirectEntryKey } from './lib/readRevokedList.js';
import { readTbsCertList } from './lib/readTbsCertList.js';
import { normalizeSerialHex, serialHexToInteger } from './lib/serial.js';
import { decodeTime } from './lib/time.js';
import { verifySignature, type SignatureCheck } from './lib/verifySignature.js';

export type CrlEntry = { revocationDate: Date; reasonCode: number | undefined };

/** A CRL read and indexed once, to be reused for many path validations until its nextUpdate. */
export type LoadedCrl = {
  readonly kind: 'crl';
  readonly issuerDer: Uint8Array;
  /** RFC 4514 string, for display only. */
  readonly issuer: string;
  readonly thisUpdate: Date;
  /** Absent nextUpdate makes the CRL stale at once (RFC 5280 §5.1.2.5 requires it). */
  readonly nextUpdate: Date | undefined;
  readonly size: number;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /** cRLNumber (RFC 5280 §5.2.3); a CRL without one is unusable. */
  readonly crlNumber: bigint | undefined;
  /** BaseCRLNumber of the deltaCRLIndicator: set exactly when this is a delta CRL (§5.2.4). */
  readonly deltaBaseCrlNumber: bigint | undefined;
  /** The issuingDistributionPoint (§5.2.5): which certificates and reasons the CRL covers. */
  readonly issuingDistributionPoint: IssuingDistributionPoint | undefined;
  /** Why this CRL must not decide revocation status (§6.3.3: something not understood, or a missing cRLNumber), or undefined. */
  readonly unusableReason: string | undefined;
  /**
   * Whether `serialHex` is listed — and, given `at`, revoked by then (revocationDate ≤ at).
   * `certificateIssuer` (a Name's DER) is the issuer of the certificate, for indirect CRLs; by
   * default the CRL's own issuer.
   */
  isRevoked(serialHex: string, at?: Date, certificateIssuer?: Uint8Array): boolean;
  lookup(serialHex: string, certificateIssuer?: Uint8Array): CrlEntry | undefined;
  /** Checks the signature over the raw tbsCertList; remembered per key, as it hashes the whole list. */
  verifySignature(issuerSpkiDer: Uint8Array): SignatureCheck;
};

/**
 * Reads a DER CRL (RFC 5280 §5.1) and indexes its revoked serials by walking the bytes, so a
 * MOICA-size list (~400 000 entries, 20 MB) loads in a fraction of a second. The signature is
 * not checked here — the issuer is not known yet — but by `verifySignature`, which path
 * validation calls. `der` is kept by reference: do not modify it afterwards. Throws
 * `ERR_INVALID_INPUT` on malformed DER.
 */
export function loadCrl(der: Uint8Array): LoadedCrl {
  const walk = readCrl(der);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/**
 * loadCrl in slices of a few milliseconds, handing control back through `yieldToEventLoop`
 * between them: a server refreshing MOICA's list (~250 ms of parsing in one piece) keeps
 * answering requests meanwhile. Same result and errors as loadCrl.
 */
export async function loadCrlAsync(
  der: Uint8Array,
  { yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve)) }: { yieldToEventLoop?: () => Promise<void> } = {},
): Promise<LoadedCrl> {
  const walk = readCrl(der);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
    await yieldToEventLoop();
  }
}

function* readCrl(der: Uint8Array): Generator<void, LoadedCrl> {
  try {
    return yield* readCrlBytes(Buffer.isBuffer(der) ? der : Buffer.from(der.buffer, der.byteOffset, der.byteLength));
  } catch (cause) {
    if (cause instanceof GcisError) throw cause;
    throw new GcisError('ERR_INVALID_INPUT', 'Malformed CRL.', { cause });
  }
}

function* readCrlBytes(bytes: Buffer): Generator<void, LoadedCrl> {
  const list = readOnly(bytes, tags.sequence, 'CertificateList');
  const [tbsTlv, algorithmTlv, signatureTlv, extra] = children(bytes, list);
  if (tbsTlv?.tag !== tags.sequence || !algorithmTlv || signatureTlv?.tag !== tags.bitString || extra) throw malformed('CertificateList');
  const signatureBits = content(bytes, signatureTlv);
  if (signatureBits.length === 0) throw malformed('empty CRL signature');
  // Signatures are whole octets: one with unused bits is kept empty, which can only verify as invalid.
  const signatureValue = signatureBits[0] === 0 ? signatureBits.subarray(1) : new Uint8Array(0);
  const signatureAlgorithm = readAlgorithmIdentifier(bytes, algorithmTlv);
  const tbs = yield* readTbsCertList(bytes, tbsTlv);
  if (!equalBytes(tbs.innerAlgorithm.der, signatureAlgorithm.der)) throw malformed('tbsCertList.signature differs from signatureAlgorithm');
  const tbsBytes = whole(bytes, tbsTlv);
  const checks = new Map<string, SignatureCheck>();
  const lookup = (serialHex: string, certificateIssuer?: Uint8Array): CrlEntry | undefined => {
    const canonical = normalizeSerialHex(serialHex);
    const offset =
      certificateIssuer === undefined || sameName(certificateIssuer, tbs.issuerDer)
        ? tbs.revoked.table.find(serialHexToInteger(canonical))
        : tbs.revoked.indirectEntries?.get(indirectEntryKey(certificateIssuer, canonical));
    return offset === undefined ? undefined : readEntry(bytes, offset);
  };
  return {
    kind: 'crl',
    issuerDer: tbs.issuerDer,
    issuer: formatName(tbs.issuerDer),
    thisUpdate: tbs.thisUpdate,
    nextUpdate: tbs.nextUpdate,
    size: tbs.revoked.table.size + (tbs.revoked.indirectEntries?.size ?? 0),
    signatureAlgorithm,
    crlNumber: tbs.extensions.crlNumber,
    deltaBaseCrlNumber: tbs.extensions.deltaBaseCrlNumber,
    issuingDistributionPoint: tbs.extensions.issuingDistributionPoint,
    unusableReason: tbs.extensions.unusableReason,
    lookup,
    isRevoked: (serialHex, at, certificateIssuer) => {
      const entry = lookup(serialHex, certificateIssuer);
      return entry !== undefined && (at === undefined || entry.revocationDate.getTime() <= at.getTime());
    },
    verifySignature: (issuerSpkiDer) => {
      const key = Buffer.from(issuerSpkiDer).toString('base64');
      let check = checks.get(key);
      if (!check) {
        check = verifySignature(signatureAlgorithm, tbsBytes, signatureValue, issuerSpkiDer);
        checks.set(key, check);
      }
      return check;
    },
  };
}

/** The date and reason of the entry at `offset`, read on demand. */
function readEntry(bytes: Buffer, offset: number): CrlEntry {
  const entry = readTlv(bytes, offset);
  const [, date, extensions] = children(bytes, entry);
  if (!date) throw new GcisError('ERR_INVALID_INPUT', 'Malformed CRL entry.');
  let reasonCode: number | undefined;
  const reason = extensions && readExtensions(bytes, extensions).find((e) => e.oid === oids.reasonCode);
  // CRLReason ::= ENUMERATED (tag 0x0a)
  if (reason) reasonCode = decodeSmallInteger(content(reason.value, readOnly(reason.value, 0x0a, 'reasonCode')), 'reasonCode');
  return { revocationDate: decodeTime(bytes, date), reasonCode };
}
