import type { ParsedCert } from '../../parseCertificate.js';
import { fail, type PathFailure, type ProfileRule } from '../result.js';
import type { KeyBits } from '../verifySignature.js';
import { checkCaBasicConstraints } from './caBasicConstraints.js';
import { checkCaKeyUsage } from './caKeyUsage.js';
import { checkEndEntity } from './endEntity.js';
import { checkExtendedKeyUsage } from './extendedKeyUsage.js';
import { checkAuthorityKeyIdentifier, checkSubjectKeyIdentifier } from './keyIdentifiers.js';
import { checkCaSubject, checkIssuerName } from './names.js';
import { checkPublicKey } from './publicKey.js';
import { checkSerialNumber } from './serialNumber.js';
import { checkSubjectAltName } from './subjectAltName.js';
import type { CertRole, ProfileCheck } from './types.js';

export type ProfileOptions = { minimumKeyBits: KeyBits; requireEndEntity: boolean; skipRules: readonly ProfileRule[] };

const checks: readonly ProfileCheck[] = [
  checkSerialNumber,
  checkIssuerName,
  checkCaSubject,
  checkPublicKey,
  checkCaBasicConstraints,
  checkCaKeyUsage,
  checkAuthorityKeyIdentifier,
  checkSubjectKeyIdentifier,
  checkSubjectAltName,
  checkExtendedKeyUsage,
  checkEndEntity,
];

/**
 * The certificate-profile MUSTs of [RFC 5280 §4](https://www.rfc-editor.org/rfc/rfc5280#section-4)
 * on every certificate of a built path (leaf first, anchor last), anchor first as §6.1 walks.
 * Returns ERR_CERT_PROFILE with the rule broken, or undefined; rules in `skipRules` are not
 * enforced (a check that finds one skipped rule broken does not look further on that certificate). Rules the parser enforces
 * (no repeated extension, §4.2; inner and outer signature algorithms equal, §4.1.1.2) are not
 * repeated here.
 */
export function checkProfile(path: readonly ParsedCert[], options: ProfileOptions): PathFailure | undefined {
  for (let index = path.length - 1; index >= 0; index--) {
    const role: CertRole = index === 0 ? 'leaf' : index === path.length - 1 ? 'anchor' : 'ca';
    const context = { role, issuer: path[index + 1], ...options };
    for (const check of checks) {
      const broken = check(path[index]!, context);
      if (broken && !options.skipRules.includes(broken.rule)) return { ...fail('ERR_CERT_PROFILE', broken.message), rule: broken.rule };
    }
  }
  return undefined;
}
