import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../ports.js';
import { buildPushRequest } from './buildPushRequest.js';
import { buildResultRequest } from './buildResultRequest.js';
import { buildSpTicketRequest } from './buildSpTicketRequest.js';
import { checksumIv } from './checksumIv.js';
import { computeChecksum } from './computeChecksum.js';
import { verifyChecksum } from './verifyChecksum.js';
import { describeHashedIdNum, hashIdNum, matchesHashedIdNum } from './hashIdNum.js';
import { createMatchCode, createTransactionId, matchCodeFromHint, pushHint } from './matchCode.js';
import { parseResultResponse } from './parseResultResponse.js';
import { parseSpTicket } from './parseSpTicket.js';
import { parseTicketResponse } from './parseTicketResponse.js';
import { pushSignData, pushSignInfo, readPushSignData } from './pushSignData.js';
import { normalizeServiceCode, serviceError } from './serviceErrors.js';
import { buildSignResultResponse } from './service/buildSignResultResponse.js';
import { buildTicketResponse } from './service/buildTicketResponse.js';
import { checkSpChecksum } from './service/checkSpChecksum.js';
import { serviceErrorResponse } from './service/serviceErrorResponse.js';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const transactionId = '8f0d6c4e-2b1a-4c8e-9f7d-0a1b2c3d4e5f';
const signInfo = pushSignInfo(pushSignData({ transactionId, matchCode: '42', origin: 'http://127.0.0.1:8470' }));
const ticketFor = (fields: Record<string, string>) => `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.ZGlnZXN0`;
const ticket = ticketFor({ transaction_id: transactionId, sp_ticket_id: 'TKT-1', op_code: 'SIGN', hashed_id_num: hashIdNum('A123456789') });

describe('requests', () => {
  it('builds an ATH-03 push the service side accepts, and one with another key it refuses', () => {
    const request = buildPushRequest({ key, serviceId: 'gcis', transactionId, idNum: 'a123456789', opCode: 'SIGN', hint: pushHint('42'), timeLimitSeconds: 120, signInfo });
    expect(request).toMatchObject({ id_num: 'A123456789', op_code: 'SIGN', time_limit: 120, sign_info: signInfo });
    expect(request).not.toHaveProperty('device_user_def_desc');
    expect(checkSpChecksum('pushRequest', request, key)).toBe(true);
    expect(checkSpChecksum('pushRequest', request, otherKey)).toBe(false);
    expect(checkSpChecksum('pushRequest', { ...request, hint: 'gcis 登入確認 配對碼 43' }, key)).toBe(false);
    expect(checkSpChecksum('pushRequest', { ...request, sign_info: { ...signInfo, sign_data: 'e30=' } }, key)).toBe(false);
  });

  it('builds ATH-01 and ATH-02 requests whose checksums verify', () => {
    const ticketRequest = buildSpTicketRequest({ key, serviceId: 'gcis', transactionId, idNum: 'A123456789', opCode: 'SIGN', opMode: 'I-SCAN', hint: 'h', signInfo });
    expect(checkSpChecksum('spTicketRequest', ticketRequest, key)).toBe(true);
    const result = buildResultRequest({ key, serviceId: 'gcis', transactionId, spTicketId: 'TKT-1' });
    expect(Object.keys(result).sort()).toEqual(['sp_checksum', 'sp_service_id', 'sp_ticket_id', 'transaction_id']);
    expect(checkSpChecksum('resultRequest', result, key)).toBe(true);
  });

  it.each([
    ['a national ID with a wrong check digit', { idNum: 'A123456788' }, 'ERR_INVALID_NATIONAL_ID'],
    ['a time limit under 30 s', { timeLimitSeconds: 29 }, 'ERR_INVALID_INPUT'],
    ['a time limit over 600 s', { timeLimitSeconds: 601 }, 'ERR_INVALID_INPUT'],
    ['SIGN without sign_info', { signInfo: undefined }, 'ERR_INVALID_INPUT'],
    ['sign_data over 1024 characters', { signInfo: { ...signInfo, sign_data: 'A'.repeat(1025) } }, 'ERR_INVALID_INPUT'],
  ])('refuses %s before building anything', (_, change, code) => {
    const options = { key, serviceId: 'gcis', transactionId, idNum: 'A123456789', opCode: 'SIGN' as const, hint: 'h', signInfo, ...change };
    expect(() => buildPushRequest(options)).toThrow(expect.objectContaining({ code }));
  });
});

describe('answers', () => {
  it('reads a ticket whose idp_checksum verifies and that names our transaction', () => {
    const outcome = parseTicketResponse(buildTicketResponse({ key, transactionId, spTicket: ticket }), { key, transactionId });
    expect(outcome).toMatchObject({ ok: true, spTicket: ticket, ticket: { transaction_id: transactionId, sp_ticket_id: 'TKT-1' } });
  });

  it('refuses a ticket answer sealed with another key, or for another transaction', () => {
    const forged = parseTicketResponse(buildTicketResponse({ key: otherKey, transactionId, spTicket: ticket }), { key, transactionId });
    expect(forged).toMatchObject({ ok: false, error: { code: 'ERR_PUSH_CHECKSUM' } });
    const elsewhere = ticketFor({ transaction_id: 'other', sp_ticket_id: 'TKT-2' });
    const swapped = parseTicketResponse(buildTicketResponse({ key, transactionId, spTicket: elsewhere }), { key, transactionId });
    expect(swapped).toMatchObject({ ok: false, error: { code: 'ERR_PUSH_SERVICE' } });
  });

  it('maps the service error codes, with or without the interface prefix', () => {
    const noDevice = parseTicketResponse(serviceErrorResponse('ATH-03', 'IDNUM_DEVPROF_NF', '身分證字號未找到對應之裝置資訊'), { key, transactionId });
    expect(noDevice).toMatchObject({ ok: false, error: { serviceCode: 'IDNUM_DEVPROF_NF', code: 'ERR_PUSH_NO_DEVICE' } });
    expect(serviceError('SPTKT_OVD').code).toBe('ERR_PUSH_EXPIRED');
    expect(serviceError('SP-API-ATH-02-APP_USER_CANCEL').code).toBe('ERR_PUSH_DENIED');
    expect(serviceError('SP-API-ATH-03-INV_SP_CHECKSUM').code).toBe('ERR_PUSH_CHECKSUM');
    expect(serviceError('SPSVCID_NF')).toMatchObject({ code: 'ERR_PUSH_SERVICE', message: expect.stringContaining('SPSVCID_NF') });
    expect(normalizeServiceCode('SPTKTID_TXNLOG_NF: transaction log not found')).toBe('SPTKTID_TXNLOG_NF');
  });

  it.each(['20002', '20003', 'SP-API-ATH-02-SPTKTID_TXNLOG_NF'])('treats %s as "not yet"', (code) => {
    expect(parseResultResponse({ error_code: code, error_message: '' }, { key, transactionId })).toMatchObject({ status: 'pending' });
  });

  it('reads a signed result whose idp_checksum verifies', () => {
    const body = buildSignResultResponse({ key, transactionId, hashedIdNum: hashIdNum('A123456789'), signedResponse: 'c2ln', certificate: new Uint8Array([48, 0]) });
    const outcome = parseResultResponse(body, { key, transactionId });
    expect(outcome).toEqual({ status: 'signed', result: { hashedIdNum: hashIdNum('A123456789'), signedResponse: 'c2ln', certificate: new Uint8Array([48, 0]) } });
  });

  it('refuses a signed result whose signed_response or hashed_id_num was swapped after sealing', () => {
    const body = buildSignResultResponse({ key, transactionId, hashedIdNum: 'h', signedResponse: 'c2ln', certificate: new Uint8Array([48, 0]) });
    const swapped = { ...body, result: { ...body.result!, signed_response: 'b3RoZXI=' } };
    expect(parseResultResponse(swapped, { key, transactionId })).toMatchObject({ status: 'failed', error: { code: 'ERR_PUSH_CHECKSUM' } });
    const otherId = { ...body, result: { ...body.result!, hashed_id_num: 'x' } };
    expect(parseResultResponse(otherId, { key, transactionId })).toMatchObject({ status: 'failed', error: { code: 'ERR_PUSH_CHECKSUM' } });
    expect(parseResultResponse(body, { key, transactionId: 'another' })).toMatchObject({ status: 'failed', error: { code: 'ERR_PUSH_CHECKSUM' } });
  });

  it('calls a poll answer without error_code unavailable (ask again), a ticket answer without one malformed, rather than throwing', () => {
    for (const body of ['<html>', null, { message: 'Bad Gateway' }, []]) {
      expect(parseResultResponse(body, { key, transactionId })).toMatchObject({ status: 'unavailable' });
    }
    expect(parseResultResponse({ error_code: '0', result: {} }, { key, transactionId })).toMatchObject({ status: 'failed', error: { code: 'ERR_PUSH_SERVICE' } });
    expect(parseTicketResponse(null, { key, transactionId })).toMatchObject({ ok: false, error: { code: 'ERR_PUSH_SERVICE' } });
  });
});

describe('tickets, sign data and match codes', () => {
  it('reads the base64url JSON before the last dot of a ticket', () => {
    expect(parseSpTicket(ticket)).toMatchObject({ transaction_id: transactionId, sp_ticket_id: 'TKT-1', op_code: 'SIGN' });
    for (const bad of ['no-dot', '!!!.ZGln', `${Buffer.from('"text"').toString('base64url')}.x`, ticketFor({ transaction_id: 't' })]) {
      expect(parseSpTicket(bad)).toBeUndefined();
    }
  });

  it('signs {transactionId, matchCode, origin} in a fixed key order', () => {
    const bytes = pushSignData({ origin: 'o', matchCode: '07', transactionId: 't' });
    expect(Buffer.from(bytes).toString()).toBe('{"transactionId":"t","matchCode":"07","origin":"o"}');
    expect(readPushSignData(pushSignInfo(bytes))).toEqual({ transactionId: 't', matchCode: '07', origin: 'o' });
  });

  it('draws two-digit match codes covering 00–99 and reads them back from the hint', () => {
    const seen = new Set(Array.from({ length: 3000 }, () => createMatchCode(cryptoRandom)));
    expect([...seen].every((code) => /^\d{2}$/.test(code))).toBe(true);
    expect(seen.size).toBe(100);
    expect(matchCodeFromHint(pushHint('05'))).toBe('05');
    expect(matchCodeFromHint('XX需用機關認證')).toBeUndefined();
  });

  it('makes UUID v4 transaction ids and SHA-256 hashed ID numbers', () => {
    expect(createTransactionId(cryptoRandom)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const hex = hashIdNum('a123456789');
    expect(matchesHashedIdNum(hex, 'A123456789')).toBe(true);
    expect(matchesHashedIdNum(hex.toUpperCase(), 'A123456789')).toBe(true);
    expect(matchesHashedIdNum(Buffer.from(hex, 'hex').toString('base64'), 'A123456789')).toBe(false); // hex only, as configured strictness says
    expect(matchesHashedIdNum(hex, 'B123456780')).toBe(false);
  });

  it('describes a hashed_id_num by shape and derivation, never by value', () => {
    const id = 'A123456789';
    const described = (value: string) => describeHashedIdNum(value, id);
    expect(described(hashIdNum(id))).toEqual({ length: 64, alphabet: 'hex', derivation: 'sha256-hex' });
    expect(described(hashIdNum(id).toUpperCase())).toEqual({ length: 64, alphabet: 'HEX', derivation: 'sha256-HEX' });
    expect(described(Buffer.from(hashIdNum(id), 'hex').toString('base64'))).toMatchObject({ length: 44, alphabet: 'base64', derivation: 'sha256-base64' });
    expect(described('')).toEqual({ length: 0, alphabet: 'empty', derivation: 'unknown' });
    expect(described(hashIdNum('B123456780'))).toEqual({ length: 64, alphabet: 'hex', derivation: 'unknown' });
    expect(JSON.stringify(described(hashIdNum(id)))).not.toContain(hashIdNum(id).slice(0, 8));
  });

  it('picks a random or an all-zero checksum IV, and both verify', () => {
    const fields = ['tx', 'gcis', 'TKT-1'];
    const zero = checksumIv('zero');
    expect(Buffer.from(zero).equals(Buffer.alloc(12))).toBe(true);
    const random = checksumIv('random');
    expect(random).toHaveLength(12);
    expect(Buffer.from(random).equals(Buffer.from(checksumIv('random')))).toBe(false);
    for (const iv of [zero, random]) {
      const checksum = computeChecksum({ key, fields, iv });
      expect(checksum.slice(0, 24)).toBe(Buffer.from(iv).toString('hex'));
      expect(verifyChecksum({ key, fields, checksum })).toEqual({ valid: true });
    }
  });
});
