import { GcisError } from '@gcis/core';
import type { Signer } from '@gcis/core/smartcard';
import type { CliDeps, SignerChoice } from '../deps.js';
import type { CardOptions } from './cardOptions.js';

/**
 * The card signer `--signer` asks for: PKCS#11 (module from `--pkcs11-module`, GCIS_PKCS11_MODULE
 * or the usual paths) or the HiPKI local server (GCIS_HIPKI_URL, else 127.0.0.1:61161). Core's
 * smartcard module, with pkcs11js and pkijs, is imported only here.
 */
export async function openSigner({ signer = 'pkcs11', pkcs11Module }: CardOptions, deps: CliDeps): Promise<Signer> {
  if (signer === 'hipki' && pkcs11Module) {
    throw new GcisError('ERR_USAGE', '--pkcs11-module goes with --signer pkcs11: the HiPKI local server loads the card module itself');
  }
  const choice: SignerChoice = { kind: signer, ...(pkcs11Module && { modulePath: pkcs11Module }) };
  if (deps.openSigner) return deps.openSigner(choice);
  const { createHipkiSigner, createPkcs11Signer } = await import('@gcis/core/smartcard');
  if (signer === 'hipki') return createHipkiSigner(deps.env.GCIS_HIPKI_URL ? { baseUrl: deps.env.GCIS_HIPKI_URL } : {});
  return createPkcs11Signer({ modulePath: pkcs11Module, env: deps.env });
}
