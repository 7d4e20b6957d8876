import type { TotpKey } from '@gcis/core/api';
import { buildOtpauthUri, encodeTotpSecret, generateTotpSecret } from '@gcis/core/totp';
import type { AppContext } from '../context.js';
import type { AccountRow, TotpKeyRow } from '../store/Store.js';

/** The associated data that binds a sealed seed to its account and version. */
const sealedFor = (accountId: number, version: number) => `totp:${accountId}:${version}`;

export function openTotpSecret(context: AppContext, row: TotpKeyRow): Uint8Array {
  return context.box.open(row.secret_sealed, sealedFor(row.account_id, row.version));
}

/** Adds a new TOTP version for an account, sealed at rest, and returns what an authenticator needs. */
export async function addTotpVersion(context: AppContext, account: Pick<AccountRow, 'id' | 'account'>, status: 'active' | 'pending'): Promise<TotpKey> {
  const secret = generateTotpSecret(context.random);
  // Numbered by the store under the account's lock: concurrent enrolments on any instance get distinct versions.
  const version = await context.store.totpKeys.addNext({
    accountId: account.id,
    status,
    seal: (version) => context.box.seal(secret, sealedFor(account.id, version)),
    createdAt: context.clock.now().toISOString(),
  });
  return totpKeyView(account, version, status, secret);
}

export function totpKeyView(account: Pick<AccountRow, 'account'>, version: number, status: 'active' | 'pending', secret: Uint8Array): TotpKey {
  return {
    version,
    status,
    uri: buildOtpauthUri({ account: account.account, version, secret }),
    secret: encodeTotpSecret(secret),
  };
}
