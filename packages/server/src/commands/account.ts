import { cryptoRandom, GcisError, systemClock } from '@gcis/core';
import { maskNationalId, validateNationalId } from '@gcis/core/id';
import { hashPassword } from '@gcis/core/password';
import { createContext } from '../createContext.js';
import { openDataDir, type DataOptions } from '../dataDir.js';
import { readAll, type ServerIo } from '../io.js';
import { addTotpVersion } from '../secrets/totpSecrets.js';
import type { Store } from '../store/index.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/messages.js';

export type AccountAddOptions = DataOptions & {
  name: string;
  email: string;
  nationalId?: string;
  passwordStdin?: boolean;
};

/**
 * Creates an account; the password comes from stdin only, so it never shows up in `ps` or shell
 * history. A name, national ID or e-mail address already in use is refused before the password is
 * hashed, and again by the database's unique indexes when another process adds the same one meanwhile.
 */
export async function accountAdd(account: string, options: AccountAddOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  if (!/^[A-Za-z0-9._@+-]{1,64}$/.test(account)) {
    throw new GcisError('ERR_INVALID_INPUT', err.accountName);
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(options.email)) throw new GcisError('ERR_INVALID_INPUT', err.notEmail(options.email));
  if (!options.passwordStdin) throw new GcisError('ERR_USAGE', err.passwordStdin);
  const nationalId = options.nationalId === undefined ? undefined : validateNationalId(options.nationalId);
  if (nationalId && !nationalId.valid) {
    throw new GcisError('ERR_INVALID_NATIONAL_ID', err.invalidId(nationalId.reason));
  }
  const { store, box } = await openDataDir(options.data, io.env, options);
  try {
    const nationalIdHmac = nationalId?.valid ? box.mac(nationalId.id) : null;
    await refuseTaken(store, { account, email: options.email, nationalIdHmac }, err);
    const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    await store.accounts.insert({
      account,
      name: options.name,
      email: options.email,
      nationalIdHmac,
      nationalIdMasked: nationalId?.valid ? maskNationalId(nationalId.id) : null,
      passwordHash: await hashPassword(password),
      createdAt: systemClock.now().toISOString(),
    });
  } finally {
    await store.close();
  }
  io.stderr.write(`${out.added(account)}\n`);
}

async function refuseTaken(
  store: Store,
  { account, email, nationalIdHmac }: { account: string; email: string; nationalIdHmac: string | null },
  err: Messages['err'],
): Promise<void> {
  const named = await store.accounts.find(account);
  if (named) throw new GcisError('ERR_ACCOUNT_EXISTS', err.accountExists(named.account));
  const holder = nationalIdHmac === null ? undefined : await store.accounts.findByNationalIdHmac(nationalIdHmac);
  if (holder) throw new GcisError('ERR_NATIONAL_ID_TAKEN', err.idTaken(holder.account));
  const mailed = await store.accounts.findByEmail(email);
  if (mailed) throw new GcisError('ERR_EMAIL_TAKEN', err.emailTaken(email, mailed.account));
}

/** Administrator bootstrap: enrols a new active TOTP version (retiring any old one) and prints it. */
export async function accountTotp(
  account: string,
  { data, database, json }: DataOptions & { json?: boolean },
  io: ServerIo,
): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const serverData = await openDataDir(data, io.env, { database });
  const enrol = async () => {
    const row = await serverData.store.accounts.find(account);
    if (!row) throw new GcisError('ERR_NO_ACCOUNT', err.noAccount(account));
    return { row, key: await addTotpVersion(await createContext(serverData, { random: cryptoRandom }), row, 'active') };
  };
  const { row, key } = await enrol().finally(() => serverData.store.close());
  if (json) {
    io.stdout.write(`${JSON.stringify({ account: row.account, ...key })}\n`);
    return;
  }
  const { toString } = await import('qrcode');
  io.stderr.write(await toString(key.uri, { type: 'utf8', errorCorrectionLevel: 'M' }));
  io.stderr.write(`${out.scan(key.version)}\n`);
  io.stdout.write(`${key.uri}\n`);
}

/** Ends a lockout: forgets the password-login failure counts of an account for every method and address. */
export async function accountUnlock(account: string, { data, database }: DataOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const { store } = await openDataDir(data, io.env, { database });
  try {
    const row = await store.accounts.find(account);
    if (!row) throw new GcisError('ERR_NO_ACCOUNT', err.noAccount(account));
    await store.throttle.clearAccount(row.account);
  } finally {
    await store.close();
  }
  io.stderr.write(`${out.unlocked(account)}\n`);
}

export async function accountList({ data, database, json }: DataOptions & { json?: boolean }, io: ServerIo): Promise<void> {
  const { store } = await openDataDir(data, io.env, { database });
  const accounts = [];
  try {
    for (const row of await store.accounts.list()) {
      accounts.push({
        account: row.account,
        name: row.name,
        email: row.email,
        nationalId: row.national_id_masked,
        totpVersion: (await store.totpKeys.active(row.id))?.version ?? null,
      });
    }
  } finally {
    await store.close();
  }
  if (json) io.stdout.write(`${JSON.stringify(accounts)}\n`);
  else for (const a of accounts) io.stdout.write(`${a.account}\t${a.name}\t${a.email}\ttotp v${a.totpVersion ?? '-'}\n`);
}
