import type { CardOptions } from '../card/cardOptions.js';
import type { CliDeps } from '../deps.js';
import type { StoredSession } from '../session/tokenStore.js';

/** What every login method gets: the resolved server, the flags, and whether it may prompt. */
export type MethodLoginOptions = {
  server: string;
  interactive: boolean;
  account?: string;
  passwordStdin?: boolean;
  /** totp: a 6-digit code. Refused for otp: a check code never comes from argv. */
  code?: string;
  /** otp: read the check code from stdin. */
  checkCodeStdin?: boolean;
  /** otp: read the check code from this file (mode 0600). */
  checkCodeFile?: string;
  /** push: the national ID (--id, else GCIS_NATIONAL_ID). */
  id?: string;
} & CardOptions;

export type MethodLogin = (options: MethodLoginOptions, deps: CliDeps) => Promise<StoredSession>;
