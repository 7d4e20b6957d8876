import { GcisError } from '@gcis/core/errors';
import type { Signer } from '@gcis/core/smartcard';
import type { CliDeps, SignerChoice } from '../deps.js';
import type { CardOptions } from './cardOptions.js';
import { hipkiSettings } from './hipkiSettings.js';
import { messagesFor } from '../i18n/messages.js';

/**
 * The card signer `--signer` asks for: PKCS#11 (module from `--pkcs11-module`, GCIS_PKCS11_MODULE
 * or the usual paths) or the HiPKI local server (GCIS_HIPKI_URL, else 127.0.0.1:61161; Origin and
 * tbsEncoding from hipkiSettings). Core's smartcard module, with pkcs11js and pkijs, is imported only here.
 */
export async function openSigner(options: CardOptions, deps: CliDeps): Promise<Signer> {
  const { signer = 'pkcs11', pkcs11Module } = options;
  if (signer === 'hipki' && pkcs11Module) {
    throw new GcisError('ERR_USAGE', messagesFor(deps.env).card.moduleWithHipki);
  }
  const hipki = signer === 'hipki' ? hipkiSettings(options, deps.env) : undefined;
  const choice: SignerChoice = { kind: signer, ...(pkcs11Module && { modulePath: pkcs11Module }), ...(hipki && { hipki }) };
  if (deps.openSigner) return deps.openSigner(choice);
  const { createHipkiSigner, createPkcs11Signer } = await import('@gcis/core/smartcard');
  if (hipki) {
    const { baseUrl, origin, tbsEncoding } = hipki;
    return createHipkiSigner({ tbsEncoding, ...(baseUrl && { baseUrl }), ...(origin && { origin }) });
  }
  return createPkcs11Signer({ modulePath: pkcs11Module, env: deps.env, optionName: '--pkcs11-module' });
}
