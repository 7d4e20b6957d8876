import { GcisError, type Clock, type Random } from '@gcis/core';
import { parseCertificate, type ParsedCert } from '@gcis/core/x509';
import { readCertificateFile } from '../trust/readCertificateFile.js';
import { openEmulatorState } from './emulatorState.js';
import { createEmulatorWorld, type EmulatorWorld, type HashedIdNumForm, type ServiceProvider } from './emulatorWorld.js';
import type { PhoneCertificateProfile } from './issueMobileCertificate.js';

export type FidoEmulatorOptions = {
  /** Folder for the CA and the bound devices; in memory when undefined. */
  stateDir?: string;
  clock: Clock;
  random: Random;
  serviceProviders: readonly ServiceProvider[];
  /** PEM or DER files of the CAs whose citizen cards may bind phones. */
  cardCaFiles?: readonly string[];
  /** Or the anchors themselves (tests). */
  cardTrustAnchors?: readonly Uint8Array[];
  /** `card` (default): phone certificates in the citizen card profile; `bare`: C and CN only. */
  phoneCertificateProfile?: PhoneCertificateProfile;
  /** How ATH-02 answers hashed_id_num (hex SHA-256 by default): no public source defines it. */
  hashedIdNumForm?: HashedIdNumForm;
};

/**
 * An emulator of the TW FidO relying-party service (行動自然人憑證), for the embedded default,
 * the demo and tests: the ATH-01/02/03 routes with the real checksums and error codes, a device
 * registry whose phones get mobile certificates from the emulator's own test CA after a card-signed
 * binding, and the requests those phones can list and answer. See fidoEmulatorRoutes.
 */
export function createFidoEmulator(options: FidoEmulatorOptions): EmulatorWorld {
  const anchors: ParsedCert[] = [
    ...(options.cardCaFiles ?? []).map(readCardCa),
    ...(options.cardTrustAnchors ?? []).map((der) => parseCertificate(der)),
  ];
  return createEmulatorWorld({
    state: openEmulatorState(options.stateDir, options.clock.now()),
    clock: options.clock,
    random: options.random,
    serviceProviders: options.serviceProviders,
    cardTrustAnchors: anchors,
    phoneCertificateProfile: options.phoneCertificateProfile ?? 'card',
    hashedIdNumForm: options.hashedIdNumForm ?? 'sha256-hex',
  });
}

function readCardCa(file: string): ParsedCert {
  try {
    return readCertificateFile(file);
  } catch (cause) {
    throw new GcisError('ERR_USAGE', `Cannot read a card CA certificate from ${file}.`, { cause });
  }
}
