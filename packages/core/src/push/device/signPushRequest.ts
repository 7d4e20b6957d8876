import { sign, type KeyObject } from 'node:crypto';
import { GcisError } from '../../errors.js';
import { signInfoBytes } from '../pushSignData.js';
import type { SignInfo } from '../types.js';

/**
 * Phone side: signs a request's sign data with the device key, as the app does for sign_type
 * PKCS#1 with SHA-256 (RSA PKCS#1 v1.5; an EC key gives a DER ECDSA-Sig-Value). Returns the
 * signed_response, base64.
 */
export function signPushRequest({ privateKey, signInfo }: { privateKey: KeyObject; signInfo: SignInfo }): string {
  if (signInfo.sign_type !== 'PKCS#1' || (signInfo.hash_algorithm ?? 'SHA256') !== 'SHA256') {
    throw new GcisError('ERR_INVALID_INPUT', `The simulator signs PKCS#1 / SHA256 only, not ${signInfo.sign_type} / ${signInfo.hash_algorithm}.`);
  }
  return sign('sha256', signInfoBytes(signInfo), privateKey).toString('base64');
}
