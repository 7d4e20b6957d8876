import type { LoginMethod } from '@gcis/core/api';
import type { MethodLogin } from './methodLogin.js';

/**
 * The picker's registry. It loads each method on demand, and the methods import their types from
 * methodLogin.ts, never from here: no import cycle between the registry and the methods.
 */
export const cliLoginMethods = ['totp', 'otp', 'cert', 'push'] as const;
export type CliLoginMethod = (typeof cliLoginMethods)[number];

type MethodEntry = {
  apiMethod: LoginMethod;
  /** Absent while the method is not built yet; the picker only offers methods that have one. */
  load?: () => Promise<MethodLogin>;
};

/** The four portal login methods (README, table at the top), by their `--method` name; their names for people are in the catalogue (i18n/). */
export const loginMethods: Record<CliLoginMethod, MethodEntry> = {
  totp: {
    apiMethod: 'totp',
    load: async () => (await import('./loginTotp.js')).loginTotp,
  },
  otp: {
    apiMethod: 'one-day-password',
    load: async () => (await import('./loginOneDayPassword.js')).loginOneDayPassword,
  },
  cert: {
    apiMethod: 'certificate',
    load: async () => (await import('./loginCertificate.js')).loginCertificate,
  },
  push: {
    apiMethod: 'push',
    load: async () => (await import('./loginPush.js')).loginPush,
  },
};

export function availableLoginMethods(): CliLoginMethod[] {
  return cliLoginMethods.filter((method) => loginMethods[method].load !== undefined);
}
