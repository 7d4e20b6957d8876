import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; raw: string };

/**
 * A real SMTP server on a free loopback port. `refuseNextData` makes it read the next message
 * and then answer 554, as a server that rejects the content would: the test still sees the code.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const refused: ReceivedMail[] = [];
  let refuseNext = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') };
        if (refuseNext) {
          refuseNext = false;
          refused.push(mail);
          callback(Object.assign(new Error('Message rejected'), { responseCode: 554 }));
          return;
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    refused,
    refuseNextData: () => void (refuseNext = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The check code from a raw message (quoted-printable text, as gcis-server sends it). */
export function checkCodeIn(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const match = /Check code: ([A-Z0-9]+)/.exec(text);
  if (!match) throw new Error(`no check code in:\n${raw}`);
  return match[1]!;
}
