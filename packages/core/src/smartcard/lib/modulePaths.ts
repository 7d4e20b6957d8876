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

/** How the module was chosen: the caller's option (`--pkcs11-module`), GCIS_PKCS11_MODULE, or a search of the usual paths. */
export type ModuleSource = 'option' | 'GCIS_PKCS11_MODULE' | 'search';

/** The module to load, or for a search the installed ones to try in order (loadCryptoki picks one with a card). */
export type ModuleCandidates = { source: ModuleSource; paths: string[] };

/**
 * `modulePath`, else `GCIS_PKCS11_MODULE`, else every default that exists. A bare file name (no
 * directory) is left to the dynamic loader's search path.
 */
export function resolveModulePath({
  modulePath,
  env,
  optionName = 'modulePath',
  exists = existsSync,
}: {
  modulePath?: string | undefined;
  env: Record<string, string | undefined>;
  /** What the caller calls the option in its messages, e.g. `--pkcs11-module`. */
  optionName?: string;
  exists?: (path: string) => boolean;
}): ModuleCandidates {
  const source: ModuleSource = modulePath ? 'option' : 'GCIS_PKCS11_MODULE';
  const chosen = modulePath || env.GCIS_PKCS11_MODULE;
  if (chosen) {
    if (/[\\/]/.test(chosen) && !exists(chosen)) {
      const from = source === 'option' ? optionName : 'GCIS_PKCS11_MODULE';
      throw new GcisError('ERR_PKCS11_MODULE', `PKCS#11 module not found: ${chosen} (from ${from})`);
    }
    return { source, paths: [chosen] };
  }
  const found = defaultModulePaths.filter((path) => exists(path));
  if (found.length === 0) {
    throw new GcisError(
      'ERR_PKCS11_MODULE',
      `No PKCS#11 module found in ${defaultModulePaths.join(', ')}: install HiCOS (the MOICA card tool) or give the module path (${optionName} or GCIS_PKCS11_MODULE)`,
    );
  }
  return { source: 'search', paths: found };
}
