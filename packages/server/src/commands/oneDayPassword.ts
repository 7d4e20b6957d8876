import { GcisError } from '@gcis/core';
import { formatTaipeiTime } from '@gcis/core/checkcode';
import { createContext } from '../createContext.js';
import { openDataDir } from '../dataDir.js';
import type { ServerIo } from '../io.js';
import { enableOneDayPassword } from '../login/oneDayPassword.js';

/** Enables a one-day password for an account and mails its check code (SMTP, or the outbox). */
export async function accountEnableOneDayPassword(
  name: string,
  { data, json }: { data: string; json?: boolean },
  io: ServerIo,
): Promise<void> {
  const serverData = openDataDir(data, io.env);
  try {
    const account = serverData.store.accounts.find(name);
    if (!account) throw new GcisError('ERR_NO_ACCOUNT', `There is no account ${name}.`);
    const issued = await enableOneDayPassword(await createContext(serverData, { env: io.env }), account);
    if (json) {
      io.stdout.write(`${JSON.stringify(issued)}\n`);
      return;
    }
    io.stderr.write(
      `One-day password enabled for ${issued.account}: check code sent to ${issued.sentTo}, valid until ${formatTaipeiTime(new Date(issued.expiresAt))} (Asia/Taipei).\n`,
    );
    if (issued.mailLocation) io.stderr.write(`The mail is in the outbox: ${issued.mailLocation}\n`);
  } finally {
    serverData.store.db.close();
  }
}

export function accountDisableOneDayPassword(name: string, { data }: { data: string }, io: ServerIo): void {
  const { store } = openDataDir(data, io.env);
  try {
    const account = store.accounts.find(name);
    if (!account) throw new GcisError('ERR_NO_ACCOUNT', `There is no account ${name}.`);
    const revoked = store.oneDayPasswords.revoke(account.id);
    io.stderr.write(revoked ? `Revoked the one-day password of ${name}.\n` : `${name} had no one-day password.\n`);
  } finally {
    store.db.close();
  }
}
