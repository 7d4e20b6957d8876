import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { CertificateRevocationList, Extension, Extensions, RelativeDistinguishedNames, RevokedCertificate } from 'pkijs';
import { oids } from '../lib/oids.js';
import { encodeName, encodeTime, extension, integerFromHex, keyIdentifier, type NameSpec } from './lib/build.js';
import { signerFor, type RsaScheme } from './lib/signer.js';

export type CrlSpec = {
  issuer: { name: NameSpec; privateKey: KeyObject; publicKey: KeyObject };
  thisUpdate: Date;
  /** null leaves nextUpdate out (allowed by X.509, required by RFC 5280 §5.1.2.5). */
  nextUpdate: Date | null;
  revoked?: ReadonlyArray<{ serialHex: string; revocationDate: Date; reasonCode?: number; extraExtensions?: readonly Extension[] }>;
  /** null leaves cRLNumber out (RFC 5280 §5.2.3 requires it). */
  crlNumber?: number | null;
  crlNumberCritical?: boolean;
  /** Further CRL extensions, e.g. a delta CRL indicator. */
  extraExtensions?: readonly Extension[];
  rsaScheme?: RsaScheme;
};

/** Issues a v2 CRL with pkijs (cRLNumber and AKI extensions), signed with node:crypto. */
export function issueCrl(spec: CrlSpec): Uint8Array {
  const signer = signerFor(spec.issuer.privateKey, spec.rsaScheme);
  const revoked = spec.revoked ?? [];
  const crl = new CertificateRevocationList({
    version: 1,
    signature: signer.algorithm,
    signatureAlgorithm: signer.algorithm,
    issuer: RelativeDistinguishedNames.fromBER(encodeName(spec.issuer.name)),
    thisUpdate: encodeTime(spec.thisUpdate),
    ...(spec.nextUpdate && { nextUpdate: encodeTime(spec.nextUpdate) }),
    // §5.1.2.6: an empty list is left out, not encoded as an empty SEQUENCE.
    ...(revoked.length > 0 && {
      revokedCertificates: revoked.map(
        ({ serialHex, revocationDate, reasonCode, extraExtensions = [] }) => {
          const extensions = [
            ...(reasonCode === undefined ? [] : [extension(oids.reasonCode, false, new asn1js.Enumerated({ value: reasonCode }))]),
            ...extraExtensions,
          ];
          return new RevokedCertificate({
            userCertificate: integerFromHex(serialHex),
            revocationDate: encodeTime(revocationDate),
            ...(extensions.length > 0 && { crlEntryExtensions: new Extensions({ extensions }) }),
          });
        },
      ),
    }),
    crlExtensions: new Extensions({
      extensions: [
        ...(spec.crlNumber === null ? [] : [extension(oids.cRLNumber, spec.crlNumberCritical ?? false, new asn1js.Integer({ value: spec.crlNumber ?? 1 }))]),
        extension(oids.authorityKeyIdentifier, false, new asn1js.Sequence({
          value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: keyIdentifier(spec.issuer.publicKey) })],
        })),
        ...(spec.extraExtensions ?? []),
      ],
    }),
  });
  // encodeTBS is protected in pkijs' typings; toSchema(true) encodes the same TBS as its first element.
  crl.tbsView = new Uint8Array(crl.toSchema(true).valueBlock.value[0]!.toBER());
  crl.signatureValue = new asn1js.BitString({ valueHex: signer.sign(crl.tbsView) });
  return new Uint8Array(crl.toSchema().toBER());
}
