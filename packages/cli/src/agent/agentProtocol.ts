import type { CardCertificate } from '@gcis/core/smartcard';

/**
 * The agent's protocol: one JSON object per line each way over its Unix socket. `sign` signs
 * the bytes as given (for CMS, the DER of the signed attributes): the document never reaches
 * the agent, only what the card signs.
 */
export type AgentRequest = { op: 'certificate' } | { op: 'sign'; data: string } | { op: 'stop' };

/** The card certificate, DER as base64. */
export type WireCertificate = Omit<CardCertificate, 'certificate'> & { certificate: string };

export type AgentReply =
  | { ok: true; certificate?: WireCertificate; signature?: string; signaturesLeft?: number }
  | { ok: false; code: string; message: string };

/** A request line longer than this is refused: the largest honest one is a few KiB of signed attributes. */
export const maxRequestBytes = 64 * 1024;

export const toWire = (certificate: CardCertificate): WireCertificate => ({
  ...certificate,
  certificate: Buffer.from(certificate.certificate).toString('base64'),
});

export const fromWire = (wire: WireCertificate): CardCertificate => ({
  ...wire,
  certificate: new Uint8Array(Buffer.from(wire.certificate, 'base64')),
});
