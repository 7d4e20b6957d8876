import type { ParsedCert } from '../parseCertificate.js';
import { readGeneralNamesValue, type GeneralName } from './generalNames.js';
import { oids } from './oids.js';
import { readDistributionPoints, type DistributionPoint } from './readDistributionPoints.js';
import { readNameConstraints, type NameConstraints } from './readNameConstraints.js';
import {
  readCertificatePolicies,
  readInhibitAnyPolicy,
  readPolicyConstraints,
  readPolicyMappings,
  type PolicyConstraints,
  type PolicyInformation,
} from './readPolicyExtensions.js';

/** The extensions §6.1 and §6.3 act on, read from a certificate. */
export type PathExtensions = {
  readonly policies: PolicyInformation[] | undefined;
  readonly policyMappings: ReturnType<typeof readPolicyMappings> | undefined;
  readonly policyConstraints: PolicyConstraints | undefined;
  readonly inhibitAnyPolicy: number | undefined;
  readonly nameConstraints: NameConstraints | undefined;
  readonly altNames: GeneralName[];
  readonly crlDistributionPoints: DistributionPoint[] | undefined;
  readonly freshestCrl: DistributionPoint[] | undefined;
};


const cache = new WeakMap<ParsedCert, PathExtensions>();

/**
 * Reads the path-relevant extensions of `cert` once (a server's CAs are parsed once and
 * validated on every login). Throws `ERR_INVALID_INPUT` on a malformed one; the caller turns
 * that into ERR_CERT_MALFORMED.
 */
export function readPathExtensions(cert: ParsedCert): PathExtensions {
  let extensions = cache.get(cert);
  if (!extensions) {
    const value = (oid: string) => cert.extensions.find((e) => e.oid === oid)?.value;
    const read = <T>(oid: string, reader: (value: Uint8Array) => T): T | undefined => {
      const found = value(oid);
      return found && reader(found);
    };
    extensions = {
      policies: read(oids.certificatePolicies, readCertificatePolicies),
      policyMappings: read(oids.policyMappings, readPolicyMappings),
      policyConstraints: read(oids.policyConstraints, readPolicyConstraints),
      inhibitAnyPolicy: read(oids.inhibitAnyPolicy, readInhibitAnyPolicy),
      nameConstraints: read(oids.nameConstraints, readNameConstraints),
      altNames: read(oids.subjectAltName, readGeneralNamesValue) ?? [],
      crlDistributionPoints: read(oids.cRLDistributionPoints, readDistributionPoints),
      freshestCrl: read(oids.freshestCRL, readDistributionPoints),
    };
    cache.set(cert, extensions);
  }
  return extensions;
}
