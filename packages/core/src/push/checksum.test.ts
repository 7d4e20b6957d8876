import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeChecksum } from './computeChecksum.js';
import { checksumValues } from './lib/checksumFields.js';
import { decodeServiceKey } from './lib/serviceKey.js';
import { verifyChecksum } from './verifyChecksum.js';

// The checksum written out again from the spec's words, with node:crypto only, so the two can disagree.
function specChecksum(key: Buffer, iv: Buffer, payload: string): string {
  const digestHex = createHash('sha256').update(Buffer.from(payload, 'utf8')).digest('hex');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(Buffer.from(digestHex, 'utf8')), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('hex');
}

const key = Buffer.alloc(32, 0x2a);
const iv = Buffer.from('000102030405060708090a0b', 'hex');
const push = {
  transaction_id: '8f0d6c4e-2b1a-4c8e-9f7d-0a1b2c3d4e5f',
  sp_service_id: 'SP-TEST-0001',
  id_num: 'A123456789',
  op_code: 'SIGN',
  hint: 'gcis 登入確認 配對碼 42',
  sign_data: 'eyJ0cmFuc2FjdGlvbklkIjoieCJ9',
};

describe('computeChecksum', () => {
  it('is hex(IV ‖ AES-256-GCM(SHA-256 hex of the concatenated fields) ‖ tag), 184 hex digits', () => {
    const fields = checksumValues('pushRequest', push);
    const payload = `${push.transaction_id}${push.sp_service_id}${push.id_num}${push.op_code}${push.hint}${push.sign_data}`;
    const checksum = computeChecksum({ key, fields, iv });
    expect(checksum).toBe(specChecksum(key, iv, payload));
    expect(checksum).toHaveLength(184);
    expect(checksum.slice(0, 24)).toBe(iv.toString('hex'));
  });

  it('encrypts the lowercase hex text of the digest, not the 32 digest bytes', () => {
    const checksum = Buffer.from(computeChecksum({ key, fields: ['abc'], iv }), 'hex');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(checksum.subarray(-16));
    const plaintext = Buffer.concat([decipher.update(checksum.subarray(12, -16)), decipher.final()]).toString('utf8');
    expect(plaintext).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('counts an absent optional field as the empty string, in its place', () => {
    const withDevice = checksumValues('pushRequest', { ...push, device_user_def_desc: 'My phone' });
    expect(withDevice).toEqual([push.transaction_id, push.sp_service_id, push.id_num, 'My phone', 'SIGN', push.hint, push.sign_data]);
    const payload = `${push.transaction_id}${push.sp_service_id}${push.id_num}My phoneSIGN${push.hint}${push.sign_data}`;
    expect(computeChecksum({ key, fields: withDevice, iv })).toBe(specChecksum(key, iv, payload));
  });

  it('covers ATH-02 and the answers in the documented order', () => {
    const result = checksumValues('resultRequest', { transaction_id: 't', sp_service_id: 's', sp_ticket_id: 'k' });
    expect(computeChecksum({ key, fields: result, iv })).toBe(specChecksum(key, iv, 'tsk'));
    const answer = checksumValues('resultResponse', { transaction_id: 't', error_code: '0', hashed_id_num: 'h', signed_response: 'sig' });
    expect(computeChecksum({ key, fields: answer, iv })).toBe(specChecksum(key, iv, 't0hsig'));
    const ticket = checksumValues('ticketResponse', { transaction_id: 't', error_code: '0', sp_ticket: 'p.d' });
    expect(computeChecksum({ key, fields: ticket, iv })).toBe(specChecksum(key, iv, 't0p.d'));
  });

  it('draws a fresh IV each time by default', () => {
    const first = computeChecksum({ key, fields: ['x'] });
    const second = computeChecksum({ key, fields: ['x'] });
    expect(first.slice(0, 24)).not.toBe(second.slice(0, 24));
    expect(verifyChecksum({ key, fields: ['x'], checksum: first })).toEqual({ valid: true });
  });

  it('throws on a key that is not 32 bytes (misuse)', () => {
    expect(() => computeChecksum({ key: Buffer.alloc(16), fields: [] })).toThrow(/32 bytes/);
    expect(() => decodeServiceKey(Buffer.alloc(31).toString('base64'))).toThrow(/32 bytes/);
    expect(decodeServiceKey(key.toString('base64'))).toEqual(new Uint8Array(key));
  });
});

describe('verifyChecksum', () => {
  const fields = checksumValues('pushRequest', push);
  const good = specChecksum(key, iv, fields.join(''));

  it('accepts a checksum made independently from the spec', () => {
    expect(verifyChecksum({ key, fields, checksum: good })).toEqual({ valid: true });
    expect(verifyChecksum({ key, fields, checksum: good.toUpperCase() })).toEqual({ valid: true });
  });

  it('refuses a checksum made with another key', () => {
    const other = specChecksum(Buffer.alloc(32, 0x2b), iv, fields.join(''));
    expect(verifyChecksum({ key, fields, checksum: other })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('refuses a checksum over other fields, though it decrypts', () => {
    const tampered = checksumValues('pushRequest', { ...push, id_num: 'B123456780' });
    expect(verifyChecksum({ key, fields: tampered, checksum: good })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it.each([
    ['a flipped ciphertext bit', (hex: string) => flip(hex, 40)],
    ['a flipped tag bit', (hex: string) => flip(hex, hex.length - 1)],
    ['a flipped IV bit', (hex: string) => flip(hex, 0)],
  ])('refuses %s', (_, alter) => {
    expect(verifyChecksum({ key, fields, checksum: alter(good) })).toEqual({ valid: false, reason: 'mismatch' });
  });

  it.each([
    ['truncated', good.slice(0, -2)],
    ['not hex', `zz${good.slice(2)}`],
    ['empty', ''],
  ])('refuses a malformed checksum (%s) as a result, not a throw', (_, checksum) => {
    expect(verifyChecksum({ key, fields, checksum })).toEqual({ valid: false, reason: 'format' });
  });
});

function flip(hex: string, index: number): string {
  const digit = (parseInt(hex[index]!, 16) ^ 1).toString(16);
  return `${hex.slice(0, index)}${digit}${hex.slice(index + 1)}`;
}
