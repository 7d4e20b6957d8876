import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, RSASSAPSSParams } from 'pkijs';
import { oids } from '../../lib/oids.js';

export type TestKeyPair = { privateKey: KeyObject; publicKey: KeyObject };
export type TestKeyType = 'rsa' | 'ec-p256' | 'ec-p384';
/** RSA signatures: PKCS#1 v1.5 as MOICA uses, or RSASSA-PSS (SHA-256, 32-byte salt). */
export type RsaScheme = 'pkcs1' | 'pss';

export function generateTestKeyPair(type: TestKeyType): TestKeyPair {
  if (type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  return generateKeyPairSync('ec', { namedCurve: type === 'ec-p256' ? 'P-256' : 'P-384' });
}

export type Signer = { algorithm: AlgorithmIdentifier; sign(data: Uint8Array): Uint8Array };

/** How `privateKey` signs certificates and CRLs: the AlgorithmIdentifier to embed and the signing itself. */
export function signerFor(privateKey: KeyObject, scheme: RsaScheme = 'pkcs1'): Signer {
  if (privateKey.asymmetricKeyType === 'ec') {
    const p384 = privateKey.asymmetricKeyDetails?.namedCurve === 'secp384r1';
    return {
      algorithm: new AlgorithmIdentifier({ algorithmId: p384 ? oids.ecdsaWithSHA384 : oids.ecdsaWithSHA256 }),
      sign: (data) => sign(p384 ? 'sha384' : 'sha256', data, privateKey),
    };
  }
  if (scheme === 'pss') {
    const sha256 = new AlgorithmIdentifier({ algorithmId: oids.sha256, algorithmParams: new asn1js.Null() });
    const parameters = new RSASSAPSSParams({
      hashAlgorithm: sha256,
      maskGenAlgorithm: new AlgorithmIdentifier({ algorithmId: oids.mgf1, algorithmParams: sha256.toSchema() }),
      saltLength: 32,
    });
    return {
      algorithm: new AlgorithmIdentifier({ algorithmId: oids.rsassaPss, algorithmParams: parameters.toSchema() }),
      sign: (data) => sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
    };
  }
  return {
    algorithm: new AlgorithmIdentifier({ algorithmId: oids.sha256WithRSA, algorithmParams: new asn1js.Null() }),
    sign: (data) => sign('sha256', data, privateKey),
  };
}
