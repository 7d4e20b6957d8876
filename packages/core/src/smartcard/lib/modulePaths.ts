import { existsSync } from 'node:fs';
import { GcisError } from '../../errors.js';

/** Where HiCOS, OpenSC and SoftHSM2 install their PKCS#11 modules, in the order tried. */
export const defaultModulePaths = [
  '/usr/local/lib/libHicos_p11.so',
  '/usr/lib/libHicos_p11.so',
  '/usr/local/lib/libHicos_p11v1.dylib',
  'C:\\Windows\\System32\\HiCOSPKCS11.dll',
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/opensc-pkcs11.so',
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
] as const;

/**
 * The module to load: `modulePath`, else `GCIS_PKCS11_MODULE`, else the first default that
 * exists. A bare file name (no directory) is left to the dynamic loader's search path.
 */
export function resolveModulePath({
  modulePath,
  env,
  exists = existsSync,
}: {
  modulePath?: string | undefined;
  env: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
}): string {
  const chosen = modulePath || env.GCIS_PKCS11_MODULE;
  if (chosen) {
    if (/[\\/]/.test(chosen) && !exists(chosen)) {
      throw new GcisError('ERR_PKCS11_MODULE', `PKCS#11 module not found: ${chosen}`);
    }
    return chosen;
  }
  const found = defaultModulePaths.find((path) => exists(path));
  if (!found) {
    throw new GcisError(
      'ERR_PKCS11_MODULE',
      'No PKCS#11 module found: install HiCOS (the MOICA card tool) or give the module path (GCIS_PKCS11_MODULE)',
    );
  }
  return found;
}
