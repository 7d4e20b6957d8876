import { randomBytes } from 'node:crypto';
import type { Clock, Random } from '@gcis/core';
import type { SignInfo } from '@gcis/core/push';
import type { ParsedCert } from '@gcis/core/x509';
import type { EmulatorState } from './emulatorState.js';
import type { PhoneCertificateProfile } from './issueMobileCertificate.js';

/** A relying party registered at the emulator, as the real service registers an sp_service_id with its key. */
export type ServiceProvider = { serviceId: string; name: string; key: Uint8Array };

/** An ATH-01 / ATH-03 request waiting for (or answered by) a phone, keyed by sp_ticket_id. */
export type EmulatedRequest = {
  spTicketId: string;
  transactionId: string;
  serviceId: string;
  spName: string;
  idHash: string;
  maskedId: string;
  opCode: 'ATH' | 'SIGN';
  opMode: string;
  hint: string;
  signInfo: SignInfo | undefined;
  deviceName: string | undefined;
  createdAt: Date;
  expiresAt: Date;
  /** pushed → opened (a phone listed it) → approved | denied → redeemed (the RP read the outcome). */
  state: 'pushed' | 'opened' | 'approved' | 'denied' | 'redeemed';
  answer?: { signedResponse: string; certificate: Uint8Array };
  /** When the relying party polled ATH-02 for it: tests check the pacing. */
  polls: Date[];
};

export type HashedIdNumForm = 'sha256-hex' | 'sha256-base64' | 'empty';

/** Everything the emulator's routes share. Requests and challenges live in memory; devices and the CA in `state`. */
export type EmulatorWorld = {
  state: EmulatorState;
  clock: Clock;
  random: Random;
  serviceProviders: Map<string, ServiceProvider>;
  cardTrustAnchors: readonly ParsedCert[];
  /** What phones' certificates carry (issueMobileCertificate). */
  phoneCertificateProfile: PhoneCertificateProfile;
  /** How ATH-02 answers hashed_id_num: hex SHA-256 of the ID (default), or another form a relying party must cope with. */
  hashedIdNumForm: HashedIdNumForm;
  requests: Map<string, EmulatedRequest>;
  /** serviceId + transaction_id already used (TXNLOG_INS_ERR on a repeat). */
  transactions: Set<string>;
  /** Binding challenges and when they expire. */
  challenges: Map<string, Date>;
  /** Seals tickets (the digest after the dot); the relying party never checks it. */
  ticketKey: Buffer;
  defaultTimeLimitSeconds: number;
};

export function createEmulatorWorld(options: {
  state: EmulatorState;
  clock: Clock;
  random: Random;
  serviceProviders: readonly ServiceProvider[];
  cardTrustAnchors: readonly ParsedCert[];
  phoneCertificateProfile?: PhoneCertificateProfile;
  hashedIdNumForm?: HashedIdNumForm;
}): EmulatorWorld {
  return {
    ...options,
    phoneCertificateProfile: options.phoneCertificateProfile ?? 'card',
    hashedIdNumForm: options.hashedIdNumForm ?? 'sha256-hex',
    serviceProviders: new Map(options.serviceProviders.map((sp) => [sp.serviceId, sp])),
    requests: new Map(),
    transactions: new Set(),
    challenges: new Map(),
    ticketKey: randomBytes(32),
    defaultTimeLimitSeconds: 180,
  };
}

/** Forgets requests and challenges well past their expiry, so a long-running emulator stays small. */
export function pruneWorld(world: EmulatorWorld): void {
  const cutoff = world.clock.now().getTime() - 600_000;
  for (const [id, request] of world.requests) if (request.expiresAt.getTime() < cutoff) world.requests.delete(id);
  for (const [challenge, expiresAt] of world.challenges) if (expiresAt.getTime() < cutoff) world.challenges.delete(challenge);
}
