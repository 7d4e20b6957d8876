import { randomBytes } from 'node:crypto';

/** Where protocol code gets the time; tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** Where protocol code gets randomness; production uses the OS CSPRNG. */
export interface Random {
  bytes(length: number): Uint8Array;
}

export const systemClock: Clock = { now: () => new Date() };

export const cryptoRandom: Random = { bytes: (length) => new Uint8Array(randomBytes(length)) };

/** A clock that reads a settable instant, for tests and the server's test mode. */
export function fixedClock(at: Date | string | number): Clock & { set(at: Date | string | number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
  };
}

/** An email to send; the server injects SMTP or an on-disk outbox. */
export type MailMessage = { to: string; subject: string; text: string };

export interface Mailer {
  /** Resolves once the message is accepted (by the SMTP server, or written to the outbox); throws otherwise. */
  send(message: MailMessage): Promise<{ messageId: string; location?: string }>;
}
