import { GcisError } from '../errors.js';
import { withCryptoki } from './lib/cryptoki.js';
import { loadCryptoki, namingModule } from './lib/loadCryptoki.js';
import { listTokenCertificates } from './lib/listTokenCertificates.js';
import { assertPinFormat, moicaPinLength } from './lib/pin.js';
import { toGcisError } from './lib/pkcs11Errors.js';
import { serialize } from './lib/serialize.js';
import { signOnToken } from './lib/signOnToken.js';
import type { PinLength, Signer } from './types.js';

export type Pkcs11SignerOptions = {
  /** The PKCS#11 module; else `env.GCIS_PKCS11_MODULE`, else the first of the usual HiCOS / OpenSC / SoftHSM2 paths. */
  modulePath?: string;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** What the caller calls `modulePath` in messages (the CLI: `--pkcs11-module`). */
  optionName?: string;
  /** PIN lengths accepted before the card sees the PIN; defaults to MOICA's 6–8 digits. */
  pinLength?: PinLength;
};

/**
 * A Signer on a PKCS#11 module through pkcs11js (PKCS#11 v2.40). Each operation runs between
 * its own C_Initialize and C_Finalize, so card changes are seen and nothing stays logged in.
 *
 * SoftHSM2 reads SOFTHSM2_CONF from `process.env` at each C_Initialize (not from `env`): set it
 * in the process before using a signer on a SoftHSM token.
 *
 * Throws ERR_PKCS11_MODULE when the module is missing or does not load.
 */
export async function createPkcs11Signer({
  modulePath,
  env = process.env,
  optionName,
  pinLength = moicaPinLength,
}: Pkcs11SignerOptions = {}): Promise<Signer> {
  const { cryptoki, path, module } = await loadCryptoki({ modulePath, env, ...(optionName && { optionName }) });
  const { ck, lib } = cryptoki;
  let closed = false;
  const run = <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new GcisError('ERR_USAGE', 'The signer is closed'));
    return serialize(path, () => withCryptoki(cryptoki, work)).catch((error: unknown) => {
      throw namingModule(module, toGcisError(ck, error, operation));
    });
  };
  return {
    listCertificates: () => run('Reading the card', async () => listTokenCertificates(cryptoki)),
    sign: (request) => {
      try {
        assertPinFormat(request.pin, pinLength);
      } catch (error) {
        return Promise.reject(error);
      }
      return run('Signing on the card', () => signOnToken(cryptoki, request));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // Unload only after operations already queued on this module have finished.
      await serialize(path, async () => lib.close());
    },
  };
}

