import { GcisError } from '../../errors.js';
import type { Cryptoki } from './cryptoki.js';
import { resolveModulePath } from './modulePaths.js';

/** Loads the PKCS#11 module (`modulePath`, else GCIS_PKCS11_MODULE, else the usual paths); ERR_PKCS11_MODULE when it does not load. */
export async function loadCryptoki({ modulePath, env }: { modulePath?: string | undefined; env: Record<string, string | undefined> }): Promise<{ cryptoki: Cryptoki; path: string }> {
  const path = resolveModulePath({ modulePath, env });
  const ck = (await import('pkcs11js')).default; // native addon: loaded only when a card is used
  const lib = new ck.PKCS11();
  try {
    lib.load(path);
  } catch (cause) {
    throw new GcisError('ERR_PKCS11_MODULE', `Cannot load the PKCS#11 module ${path}`, { cause });
  }
  return { cryptoki: { ck, lib }, path };
}
