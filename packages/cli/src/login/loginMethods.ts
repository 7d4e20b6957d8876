import type { LoginMethod } from '@gcis/core/api';
import type { MethodLogin } from './methodLogin.js';

/**
 * The picker's registry. It loads each method on demand, and the methods import their types from
 * methodLogin.ts, never from here: no import cycle between the registry and the methods.
 */
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
