import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { maskNationalId, validateNationalId } from '@gcis/core/id';
import { bindingContent, hashIdNum } from '@gcis/core/push';
import { parseCertificate, parseMoicaIdentity, verifyCertificatePath, type MoicaIdentity, type ParsedCert } from '@gcis/core/x509';
import type { EmulatorDevice } from './emulatorState.js';
import type { EmulatorWorld } from './emulatorWorld.js';
import { issueMobileCertificate } from './issueMobileCertificate.js';

export type BindRequest = {
  idNum: string;
  deviceName?: string;
  /** SPKI DER, base64. */
  devicePublicKey: string;
  challenge: string;
  /** The citizen card's certificate, DER base64, and its signature (PKCS#1 v1.5 or DER ECDSA, SHA-256) over bindingContent. */
  cardCertificate: string;
  cardSignature: string;
  /** CA certificates between the card and a card trust anchor, DER base64 (MOICA's intermediate). */
  cardChain?: string[];
};

export type BindOutcome =
  | { ok: true; device: EmulatorDevice; certificate: Uint8Array }
  | { ok: false; code: string; message: string };

/**
 * Binds a phone to a national ID the way the real service's registration does in spirit: the
 * citizen's card (a certificate with a valid path to a configured card CA, naming the ID's last
 * 4 digits) signs the challenge, the ID and the device key; then the emulator's CA issues the
 * phone's mobile certificate for that device key.
 */
export function bindDevice(world: EmulatorWorld, input: Partial<BindRequest>, origin: string): BindOutcome {
  const fail = (code: string, message: string): BindOutcome => ({ ok: false, code, message });
  const now = world.clock.now();
  const challengeExpiry = world.challenges.get(String(input.challenge ?? ''));
  world.challenges.delete(String(input.challenge ?? ''));
  if (!challengeExpiry || challengeExpiry <= now) return fail('BIND_CHALLENGE_NF', 'Unknown or expired binding challenge: ask for a new one.');
  const id = validateNationalId(String(input.idNum ?? ''));
  if (!id.valid) return fail('PM_IDN_FT_ERR', '身份證字號格式錯誤');

  let devicePublicKey: KeyObject;
  let card: ParsedCert;
  let chain: ParsedCert[];
  try {
    devicePublicKey = createPublicKey({ key: Buffer.from(String(input.devicePublicKey), 'base64'), format: 'der', type: 'spki' });
    card = parseCertificate(new Uint8Array(Buffer.from(String(input.cardCertificate), 'base64')));
    chain = (Array.isArray(input.cardChain) ? input.cardChain : []).slice(0, 4).map((der) => parseCertificate(new Uint8Array(Buffer.from(String(der), 'base64'))));
  } catch {
    return fail('PM_INV_NF', 'The device key or the card certificate cannot be read.');
  }
  if (!strongEnough(devicePublicKey)) return fail('PM_INV_NF', 'The device key must be RSA ≥ 2048 bits or EC P-256.');
  if (world.cardTrustAnchors.length === 0) return fail('BIND_CARD_UNTRUSTED', 'The emulator trusts no card CA (give --card-ca / --fido-card-ca).');
  const path = verifyCertificatePath({ leaf: card, intermediates: chain, trustAnchors: world.cardTrustAnchors, at: now, revocation: 'skip' });
  if (!path.ok) return fail('BIND_CARD_UNTRUSTED', `The card certificate is not accepted: ${path.message}`);

  const content = bindingContent({ challenge: String(input.challenge), idNum: id.id, devicePublicKey: spki(devicePublicKey), origin });
  const cardKey = createPublicKey({ key: Buffer.from(card.spkiDer), format: 'der', type: 'spki' });
  let signed = false;
  try {
    signed = verify('sha256', content, cardKey, Buffer.from(String(input.cardSignature), 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return fail('BIND_SIGNATURE_INVALID', 'The card signature over the binding does not verify.');
  let identity: MoicaIdentity;
  try {
    identity = parseMoicaIdentity(card);
  } catch {
    return fail('BIND_CARD_UNTRUSTED', 'The card certificate is not a citizen certificate.');
  }
  if (identity.idLast4 !== id.id.slice(-4)) return fail('IDNUM_DEVID_MISMATCH', 'The card belongs to another ID.');

  const certificate = issueMobileCertificate({ ca: world.state.ca, devicePublicKey, card: identity, cardNotAfter: card.notAfter, now, profile: world.phoneCertificateProfile });
  const device: EmulatorDevice = {
    deviceId: Buffer.from(world.random.bytes(16)).toString('base64url'),
    idHash: hashIdNum(id.id),
    maskedId: maskNationalId(id.id),
    name: String(input.deviceName ?? '') || 'phone',
    certificate: Buffer.from(certificate).toString('base64'),
    boundAt: now.toISOString(),
  };
  world.state.devices.push(device);
  world.state.save();
  return { ok: true, device, certificate };
}

const spki = (key: KeyObject) => new Uint8Array(key.export({ type: 'spki', format: 'der' }));

function strongEnough(key: KeyObject): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return (details.modulusLength ?? 0) >= 2048;
  return key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1';
}
