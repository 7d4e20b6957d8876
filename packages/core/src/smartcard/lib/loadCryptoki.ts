import { GcisError } from '../../errors.js';
import { presentTokens, withCryptoki, type Cryptoki, type Pkcs11Namespace } from './cryptoki.js';
import { resolveModulePath, type ModuleSource } from './modulePaths.js';
import { serialize } from './serialize.js';

/** The module in use and how it was chosen, for messages that must say which module saw no card. */
export type ModuleChoice = {
  path: string;
  source: ModuleSource;
  /** What the caller calls the option, e.g. `--pkcs11-module`. */
  optionName: string;
  /** For a search: every installed module tried, with the cards it saw (undefined: it did not load). */
  searched: Array<{ path: string; cards: number | undefined }>;
};

/**
 * Loads the PKCS#11 module (`modulePath`, else GCIS_PKCS11_MODULE, else the usual paths). When
 * searching and several are installed, takes the first that has a card (an initialised token)
 * present, so an OpenSC with an empty reader does not hide the SoftHSM2 or HiCOS token; with no
 * card anywhere, the first that loads. ERR_PKCS11_MODULE when none loads.
 */
export async function loadCryptoki({
  modulePath,
  env,
  optionName = 'modulePath',
}: {
  modulePath?: string | undefined;
  env: Record<string, string | undefined>;
  optionName?: string;
}): Promise<{ cryptoki: Cryptoki; path: string; module: ModuleChoice }> {
  const { source, paths } = resolveModulePath({ modulePath, env, optionName });
  const ck = (await import('pkcs11js')).default; // native addon: loaded only when a card is used
  if (source !== 'search' || paths.length === 1) {
    const path = paths[0]!;
    const cryptoki = load(ck, path, source === 'search' ? 'search' : source === 'option' ? optionName : 'GCIS_PKCS11_MODULE');
    const searched = source === 'search' ? [{ path, cards: undefined }] : [];
    return { cryptoki, path, module: { path, source, optionName, searched } };
  }
  const searched: ModuleChoice['searched'] = [];
  let fallback: { cryptoki: Cryptoki; path: string } | undefined;
  for (const path of paths) {
    let cryptoki: Cryptoki;
    try {
      cryptoki = load(ck, path, 'search');
    } catch {
      searched.push({ path, cards: undefined });
      continue;
    }
    const cards = await serialize(path, () => withCryptoki(cryptoki, async () => presentTokens(cryptoki).length)).catch(() => undefined);
    searched.push({ path, cards });
    if (cards) {
      if (fallback) fallback.cryptoki.lib.close();
      return { cryptoki, path, module: { path, source, optionName, searched } };
    }
    if (fallback || cards === undefined) cryptoki.lib.close();
    else fallback = { cryptoki, path };
  }
  if (!fallback) {
    throw new GcisError('ERR_PKCS11_MODULE', `None of the PKCS#11 modules found loads: ${paths.join(', ')}`);
  }
  return { ...fallback, module: { path: fallback.path, source, optionName, searched } };
}

/** "PKCS#11 module X (from --pkcs11-module)" / "(searched: A: no card, B: 1 card)": for card errors. */
export function describeModuleChoice({ path, source, optionName, searched }: ModuleChoice): string {
  if (source === 'option') return `PKCS#11 module ${path} (from ${optionName})`;
  if (source === 'GCIS_PKCS11_MODULE') return `PKCS#11 module ${path} (from GCIS_PKCS11_MODULE)`;
  const tried = searched.map(({ path: tried, cards }) =>
    `${tried}: ${cards === undefined ? (searched.length === 1 ? 'the only one installed' : 'does not load') : `${cards} card${cards === 1 ? '' : 's'}`}`,
  );
  return `PKCS#11 module ${path} (searched the usual paths; ${tried.join(', ')}; choose with ${optionName} or GCIS_PKCS11_MODULE)`;
}

const cardErrors: ReadonlySet<string> = new Set(['ERR_NO_CARD', 'ERR_CARD_CERT_NOT_FOUND']);

/** A card that cannot be found is often a module that cannot see it: the message says which module, and how it was chosen. */
export function namingModule(module: ModuleChoice, error: GcisError): GcisError {
  if (!cardErrors.has(error.code)) return error;
  return new GcisError(error.code, `${error.message} — ${describeModuleChoice(module)}`, { cause: error });
}

function load(ck: Pkcs11Namespace, path: string, from: string): Cryptoki {
  const lib = new ck.PKCS11();
  try {
    lib.load(path);
  } catch (cause) {
    throw new GcisError('ERR_PKCS11_MODULE', `Cannot load the PKCS#11 module ${path} (from ${from})`, { cause });
  }
  return { ck, lib };
}
