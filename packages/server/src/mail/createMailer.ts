import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GcisError, type Mailer } from '@gcis/core';
import type { MailConfig } from '../config.js';

/**
 * SMTP through nodemailer, or — the embedded default — an outbox folder of .eml files that any
 * mail client opens. nodemailer is loaded on first use: most server commands never send mail.
 */
export function createMailer(config: MailConfig, outboxDir: string, env: NodeJS.ProcessEnv): Mailer {
  return {
    async send({ to, subject, text }) {
      const { createTransport } = (await import('nodemailer')).default;
      // Quoted-printable keeps the ASCII lines (the code among them) readable in the raw .eml as well.
      const message = { from: config.from, to, subject, text, textEncoding: 'quoted-printable' as const };
      try {
        if (config.transport === 'outbox') {
          const built = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message);
          mkdirSync(outboxDir, { recursive: true, mode: 0o700 });
          const location = join(outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${built.messageId.replace(/[^\w.-]/g, '')}.eml`);
          writeFileSync(location, built.message as Buffer, { mode: 0o600, flag: 'wx' });
          return { messageId: built.messageId, location };
        }
        const { host, port, secure, requireTLS, user } = config.smtp;
        const auth = user ? { user, pass: env.GCIS_SERVER_SMTP_PASSWORD ?? '' } : undefined;
        const transport = createTransport({ host, port, secure, requireTLS, auth, connectionTimeout: 10_000, greetingTimeout: 10_000 });
        const sent = await transport.sendMail(message);
        return { messageId: sent.messageId };
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new GcisError('ERR_MAIL_FAILED', `The mail to ${to} could not be sent: ${reason}`, { cause });
      }
    },
  };
}
