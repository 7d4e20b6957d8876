import { describe } from '../result.js';
import { violation, type ProfileCheck } from './types.js';

/**
 * [RFC 5280 §4.1.2.2](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.2): the serial is a
 * positive integer of at most 20 octets (as encoded, the form OpenSSL and Go check too).
 */
export const checkSerialNumber: ProfileCheck = (cert) => {
  const bytes = cert.serialBytes;
  if (bytes.length > 20) return violation('serial-number', `${describe(cert)} has a serial number of ${bytes.length} octets (at most 20).`);
  if ((bytes[0]! & 0x80) !== 0) return violation('serial-number', `${describe(cert)} has a negative serial number.`);
  if (bytes.every((byte) => byte === 0)) return violation('serial-number', `${describe(cert)} has serial number zero.`);
  return undefined;
};
