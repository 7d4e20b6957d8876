import type { AccountRow } from '../store/Store.js';

/** What a session check needs of its account: the parts that never change for an id. */
export type AccountIdentity = Pick<AccountRow, 'id' | 'account' | 'name'>;

export type AccountIdentities = { get(id: number): Promise<AccountIdentity | undefined> };

/**
 * Account names by id, read once per account and then kept in memory, so a session check costs
 * one store read instead of two (on PostgreSQL, one round trip). Safe to keep on every instance
 * because an account's id, name and display name never change and accounts are never deleted;
 * a change that makes either possible must clear this. Bounded: past `maxEntries` the oldest go.
 */
export function accountIdentities(accounts: { get(id: number): Promise<AccountRow | undefined> }, maxEntries = 10_000): AccountIdentities {
  const known = new Map<number, AccountIdentity>();
  return {
    async get(id) {
      const cached = known.get(id);
      if (cached) return cached;
      const row = await accounts.get(id);
      if (!row) return undefined;
      if (known.size >= maxEntries) known.delete(known.keys().next().value!);
      const identity = { id: row.id, account: row.account, name: row.name };
      known.set(id, identity);
      return identity;
    },
  };
}
