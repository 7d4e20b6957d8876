import { createHash } from 'node:crypto';

/** What the citizen's card signs to bind a phone: the service's challenge, the ID, the device key. */
export type BindingContent = { challenge: string; idNum: string; devicePublicKey: Uint8Array; origin: string };

/**
 * The canonical bytes a card signs to bind a device key to a national ID at the service (the
 * emulator's design, after the real service's card-signed registration): UTF-8 JSON with keys in
 * the fixed order purpose, challenge, idNum, deviceKeySha256 (hex SHA-256 of the device's SPKI
 * DER), origin (the service URL).
 */
export function bindingContent({ challenge, idNum, devicePublicKey, origin }: BindingContent): Uint8Array {
  const deviceKeySha256 = createHash('sha256').update(devicePublicKey).digest('hex');
  return new TextEncoder().encode(
    JSON.stringify({ purpose: 'gcis-fido-device-binding', challenge, idNum: idNum.toUpperCase(), deviceKeySha256, origin }),
  );
}
