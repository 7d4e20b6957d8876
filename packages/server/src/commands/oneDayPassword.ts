import { GcisError } from '@gcis/core';
import { formatTaipeiTime } from '@gcis/core/checkcode';
import { createContext } from '../createContext.js';
import { openDataDir, type DataOptions } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { enableOneDayPassword } from '../login/oneDayPassword.js';
import { messagesFor } from '../i18n/messages.js';

/** Enables a one-day password for an account and mails its check code (SMTP, or the outbox). */
export async function accountEnableOneDayPassword(
  name: string,
  { data, database, json }: DataOptions & { json?: boolean },
  io: ServerIo,
): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const serverData = await openDataDir(data, io.env, { database });
  try {
    const account = await serverData.store.accounts.find(name);
    if (!account) throw new GcisError('ERR_NO_ACCOUNT', err.noAccount(name));
    const issued = await enableOneDayPassword(await createContext(serverData, { env: io.env }), account);
    if (json) {
      io.stdout.write(`${JSON.stringify(issued)}\n`);
      return;
    }
    io.stderr.write(`${out.oneDayEnabled(issued.account, issued.sentTo, formatTaipeiTime(new Date(issued.expiresAt)))}\n`);
    if (issued.mailLocation) io.stderr.write(`${out.outbox(issued.mailLocation)}\n`);
  } finally {
    await serverData.store.close();
  }
}

export async function accountDisableOneDayPassword(name: string, { data, database }: DataOptions, io: ServerIo): Promise<void> {
  const { err, out } = messagesFor(io.env);
  const { store } = await openDataDir(data, io.env, { database });
  try {
    const account = await store.accounts.find(name);
    if (!account) throw new GcisError('ERR_NO_ACCOUNT', err.noAccount(name));
    const revoked = await store.oneDayPasswords.revoke(account.id);
    io.stderr.write(`${revoked ? out.revoked(name) : out.noOneDay(name)}\n`);
  } finally {
    await store.close();
  }
}
