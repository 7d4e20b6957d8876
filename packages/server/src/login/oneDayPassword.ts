import { GcisError, isGcisError } from '@gcis/core';
import { checkCodeMail, issueCheckCode } from '@gcis/core/checkcode';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../store/Store.js';

export type OneDayPasswordIssued = { account: string; sentTo: string; expiresAt: string; mailLocation?: string };

/**
 * Enables a one-day password: revokes any earlier check code, mails a new one, and only once the
 * mail was accepted stores the new code's hash. A mail failure leaves no code active.
 */
export async function enableOneDayPassword(context: AppContext, account: AccountRow): Promise<OneDayPasswordIssued> {
  const { oneDayPasswords } = context.store;
  const now = context.clock.now();
  const issued = issueCheckCode({ accountId: account.id, random: context.random, now });
  await oneDayPasswords.revoke(account.id);
  const mail = checkCodeMail({ to: account.email, account: account.account, code: issued.code, expiresAt: issued.expiresAt });
  const sent = await context.mailer.send(mail).catch((cause: unknown) => {
    if (isGcisError(cause)) throw cause;
    throw new GcisError('ERR_MAIL_FAILED', `The mail to ${account.email} could not be sent.`, { cause });
  });
  await oneDayPasswords.set({
    accountId: account.id,
    codeHash: issued.codeHash,
    issuedAt: now.toISOString(),
    expiresAt: issued.expiresAt.toISOString(),
  });
  return {
    account: account.account,
    sentTo: maskEmail(account.email),
    expiresAt: issued.expiresAt.toISOString(),
    ...(sent.location ? { mailLocation: sent.location } : {}),
  };
}

/** `alice@example.com` → `a***@example.com`: enough for an administrator to recognise it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
