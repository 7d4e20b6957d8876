import type { CardOptions } from '../card/cardOptions.js';
import type { CliDeps } from '../deps.js';
import type { StoredSession } from '../session/tokenStore.js';

/** What every login method gets: the resolved server, the flags, and whether it may prompt. */
export type MethodLoginOptions = {
  server: string;
  interactive: boolean;
  account?: string;
  passwordStdin?: boolean;
  code?: string;
  /** push: the national ID (--id, else GCIS_NATIONAL_ID). */
  id?: string;
} & CardOptions;

export type MethodLogin = (options: MethodLoginOptions, deps: CliDeps) => Promise<StoredSession>;
