import { cryptoRandom, GcisError, systemClock } from '@gcis/core';
import { maskNationalId, validateNationalId } from '@gcis/core/id';
import { hashPassword } from '@gcis/core/password';
import { createContext } from '../createContext.js';
import { openDataDir } from '../dataDir.js';
import { readAll, type ServerIo } from '../io.js';
import { addTotpVersion } from '../secrets/totpSecrets.js';

export type AccountAddOptions = {
  data: string;
  name: string;
  email: string;
  nationalId?: string;
  passwordStdin?: boolean;
};

/** Creates an account; the password comes from stdin only, so it never shows up in `ps` or shell history. */
export async function accountAdd(account: string, options: AccountAddOptions, io: ServerIo): Promise<void> {
  if (!/^[A-Za-z0-9._@+-]{1,64}$/.test(account)) {
    throw new GcisError('ERR_INVALID_INPUT', 'An account name is 1–64 letters, digits or . _ @ + -.');
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(options.email)) throw new GcisError('ERR_INVALID_INPUT', `Not an email address: ${options.email}`);
  if (!options.passwordStdin) throw new GcisError('ERR_USAGE', 'Give the password on standard input with --password-stdin.');
  const nationalId = options.nationalId === undefined ? undefined : validateNationalId(options.nationalId);
  if (nationalId && !nationalId.valid) {
    throw new GcisError('ERR_INVALID_NATIONAL_ID', `Not a valid national ID or resident number (${nationalId.reason}).`);
  }
  const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  const passwordHash = await hashPassword(password);
  const { store, box } = openDataDir(options.data, io.env);
  if (store.accounts.find(account)) throw new GcisError('ERR_ACCOUNT_EXISTS', `The account ${account} already exists.`);
  store.accounts.insert({
    account,
    name: options.name,
    email: options.email,
    nationalIdHmac: nationalId?.valid ? box.mac(nationalId.id) : null,
    nationalIdMasked: nationalId?.valid ? maskNationalId(nationalId.id) : null,
    passwordHash,
    createdAt: systemClock.now().toISOString(),
  });
  store.db.close();
  io.stderr.write(`Added account ${account}.\n`);
}

/** Administrator bootstrap: enrols a new active TOTP version (retiring any old one) and prints it. */
export async function accountTotp(
  account: string,
  { data, json }: { data: string; json?: boolean },
  io: ServerIo,
): Promise<void> {
  const serverData = openDataDir(data, io.env);
  const row = serverData.store.accounts.find(account);
  if (!row) throw new GcisError('ERR_NO_ACCOUNT', `There is no account ${account}.`);
  const key = addTotpVersion(await createContext(serverData, { random: cryptoRandom }), row, 'active');
  serverData.store.db.close();
  if (json) {
    io.stdout.write(`${JSON.stringify({ account: row.account, ...key })}\n`);
    return;
  }
  const { toString } = await import('qrcode');
  io.stderr.write(await toString(key.uri, { type: 'utf8', errorCorrectionLevel: 'M' }));
  io.stderr.write(`Scan this QR code (version ${key.version}) with Google Authenticator, or use the URI:\n`);
  io.stdout.write(`${key.uri}\n`);
}

/** Ends a lockout: forgets the password-login failure counts of an account for every method and address. */
export function accountUnlock(account: string, { data }: { data: string }, io: ServerIo): void {
  const { store } = openDataDir(data, io.env);
  store.throttle.clearAccount(account);
  store.db.close();
  io.stderr.write(`Unlocked ${account}.\n`);
}

export function accountList({ data, json }: { data: string; json?: boolean }, io: ServerIo): void {
  const { store } = openDataDir(data, io.env);
  const accounts = store.accounts.list().map((row) => ({
    account: row.account,
    name: row.name,
    email: row.email,
    nationalId: row.national_id_masked,
    totpVersion: store.totpKeys.active(row.id)?.version ?? null,
  }));
  store.db.close();
  if (json) io.stdout.write(`${JSON.stringify(accounts)}\n`);
  else for (const a of accounts) io.stdout.write(`${a.account}\t${a.name}\t${a.email}\ttotp v${a.totpVersion ?? '-'}\n`);
}
