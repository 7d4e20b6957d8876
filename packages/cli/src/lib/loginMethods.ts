import type { LoginMethod } from '@gcis/core/api';
import type { CliDeps } from '../deps.js';
import type { StoredSession } from '../tokenStore.js';
import type { CardOptions } from './cardOptions.js';

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

export const cliLoginMethods = ['totp', 'otp', 'cert', 'push'] as const;
export type CliLoginMethod = (typeof cliLoginMethods)[number];

type MethodEntry = {
  title: string;
  apiMethod: LoginMethod;
  /** Absent while the method is not built yet; the picker only offers methods that have one. */
  load?: () => Promise<MethodLogin>;
};

/** The four portal login methods (README, table at the top), by their `--method` name. */
export const loginMethods: Record<CliLoginMethod, MethodEntry> = {
  totp: {
    title: 'Google Authenticator (TOTP): account, password and a 6-digit code',
    apiMethod: 'totp',
    load: async () => (await import('./loginTotp.js')).loginTotp,
  },
  otp: {
    title: 'One-day password (一日密碼): account, password and a mailed check code',
    apiMethod: 'one-day-password',
    load: async () => (await import('./loginOneDayPassword.js')).loginOneDayPassword,
  },
  cert: {
    title: 'Citizen digital certificate (自然人憑證): card reader and PIN',
    apiMethod: 'certificate',
    load: async () => (await import('./loginCertificate.js')).loginCertificate,
  },
  push: {
    title: 'Mobile natural-person certificate (行動自然人憑證): confirm on the phone',
    apiMethod: 'push',
    load: async () => (await import('./loginPush.js')).loginPush,
  },
};

export function availableLoginMethods(): CliLoginMethod[] {
  return cliLoginMethods.filter((method) => loginMethods[method].load !== undefined);
}
