import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryptoRandom, fixedClock } from '@gcis/core';
import {
  bindingContent,
  buildPushRequest,
  buildResultRequest,
  buildSpTicketRequest,
  parseResultResponse,
  parseTicketResponse,
  pushSignData,
  pushSignInfo,
} from '@gcis/core/push';
import { buildTestPki, generateTestPkiKeys } from '@gcis/core/x509/testing';
import Fastify from 'fastify';
import { createFidoEmulator } from './createFidoEmulator.js';
import { fidoEmulatorRoutes } from './fidoEmulatorRoutes.js';

const key = new Uint8Array(32).fill(3);
const keys = generateTestPkiKeys('ec');
const idNum = 'A123456789';

async function setup(stateDir?: string) {
  const clock = fixedClock('2026-11-27T02:00:00Z');
  const pki = buildTestPki({ now: clock.now(), keys });
  const world = createFidoEmulator({
    stateDir,
    clock,
    random: cryptoRandom,
    serviceProviders: [{ serviceId: 'gcis', name: 'gcis', key }],
    cardTrustAnchors: pki.trustAnchors,
  });
  const app = Fastify();
  await app.register(fidoEmulatorRoutes, { world });
  const post = async (path: string, payload: object) => (await app.inject({ method: 'POST', url: path, payload })).json();
  const sp = (op: string, payload: object) => post(`/moise/sp/${op}`, payload);
  const device = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = new Uint8Array(device.publicKey.export({ type: 'spki', format: 'der' }));
  async function bindBody(overrides: Record<string, unknown> = {}, signer = pki.leaf.privateKey) {
    const { challenge } = await post('/moise/device/bind/challenge', {});
    const content = bindingContent({ challenge, idNum: String(overrides.idNum ?? idNum), devicePublicKey: spki, origin: 'http://localhost:80' });
    return {
      idNum,
      devicePublicKey: Buffer.from(spki).toString('base64'),
      challenge,
      cardCertificate: Buffer.from(pki.leaf.der).toString('base64'),
      cardChain: pki.intermediates.map((der) => Buffer.from(der).toString('base64')),
      cardSignature: sign('sha256', content, signer).toString('base64'),
      ...overrides,
    };
  }
  const bind = async (overrides: Record<string, unknown> = {}) => app.inject({ method: 'POST', url: '/moise/device/bind', payload: await bindBody(overrides) });
  const push = (transactionId: string, timeLimitSeconds = 60) =>
    buildPushRequest({ key, serviceId: 'gcis', transactionId, idNum, opCode: 'SIGN', hint: 'h', timeLimitSeconds, signInfo: pushSignInfo(pushSignData({ transactionId, matchCode: '01', origin: 'o' })) });
  return { clock, pki, world, app, post, sp, bind, bindBody, push };
}

describe('the TW FidO emulator, relying-party side', () => {
  it('says IDNUM_DEVPROF_NF, with the interface prefix, for an ID with no bound phone', async () => {
    const { sp, push } = await setup();
    expect(await sp('requestAthOrSignPush', push('t1'))).toMatchObject({ error_code: 'SP-API-ATH-03-IDNUM_DEVPROF_NF' });
  });

  it('answers 20002 until a phone opens the request, 20003 until it answers, then the result once', async () => {
    const { sp, app, bind, push } = await setup();
    const { deviceId } = (await bind()).json();
    const answer = await sp('requestAthOrSignPush', push('t1'));
    const outcome = parseTicketResponse(answer, { key, transactionId: 't1' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const poll = () => sp('getAthOrSignResult', buildResultRequest({ key, serviceId: 'gcis', transactionId: 't1', spTicketId: outcome.ticket.sp_ticket_id }));
    expect((await poll()).error_code).toBe('20002');
    const [request] = (await app.inject({ method: 'GET', url: `/moise/device/${deviceId}/requests` })).json().requests;
    expect((await poll()).error_code).toBe('20003');
    await app.inject({ method: 'POST', url: `/moise/device/${deviceId}/requests/${request.requestId}`, payload: { decision: 'approve', signedResponse: 'c2ln' } });
    const signed = parseResultResponse(await poll(), { key, transactionId: 't1' });
    expect(signed).toMatchObject({ status: 'signed', result: { signedResponse: 'c2ln' } });
    expect((await poll()).error_code).toBe('SP-API-ATH-02-SPTKTID_SPTKT_RDM');
  });

  it('says SPTKT_OVD after the time limit, and the phone can no longer answer', async () => {
    const { sp, app, bind, push, clock } = await setup();
    const { deviceId } = (await bind()).json();
    const outcome = parseTicketResponse(await sp('requestAthOrSignPush', push('t1', 30)), { key, transactionId: 't1' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    clock.set(clock.now().getTime() + 31_000);
    const poll = await sp('getAthOrSignResult', buildResultRequest({ key, serviceId: 'gcis', transactionId: 't1', spTicketId: outcome.ticket.sp_ticket_id }));
    expect(poll.error_code).toBe('SP-API-ATH-02-SPTKT_OVD');
    const answer = await app.inject({ method: 'POST', url: `/moise/device/${deviceId}/requests/${outcome.ticket.sp_ticket_id}`, payload: { decision: 'deny' } });
    expect(answer.json().error_code).toBe('SPTKT_OVD');
  });

  it.each([
    ['another key', () => buildPushRequest({ key: new Uint8Array(32), serviceId: 'gcis', transactionId: 't', idNum, opCode: 'ATH', hint: 'h' }), 'INV_SP_CHECKSUM'],
    ['an unknown service', () => buildPushRequest({ key, serviceId: 'other', transactionId: 't', idNum, opCode: 'ATH', hint: 'h' }), 'SPSVCID_NF'],
  ])('refuses a request with %s', async (_, request, code) => {
    const { sp } = await setup();
    expect((await sp('requestAthOrSignPush', request())).error_code).toBe(`SP-API-ATH-03-${code}`);
  });

  it('refuses a repeated transaction id and a time limit out of range', async () => {
    const { sp, bind, push } = await setup();
    await bind();
    expect((await sp('requestAthOrSignPush', push('t1'))).error_code).toBe('0');
    expect((await sp('requestAthOrSignPush', push('t1'))).error_code).toBe('SP-API-ATH-03-TXNLOG_INS_ERR');
    const tooLong = { ...push('t2'), time_limit: 601 };
    expect((await sp('requestAthOrSignPush', tooLong)).error_code).toBe('SP-API-ATH-03-SPTKT_TIME_ORV');
  });

  it('serves ATH-01 getSpTicket with the same checksums', async () => {
    const { sp, bind } = await setup();
    await bind();
    const request = buildSpTicketRequest({ key, serviceId: 'gcis', transactionId: 't9', idNum, opCode: 'ATH', opMode: 'I-SCAN', hint: 'h' });
    expect(parseTicketResponse(await sp('getSpTicket', request), { key, transactionId: 't9' })).toMatchObject({ ok: true, ticket: { op_mode: 'I-SCAN' } });
  });
});

describe('the TW FidO emulator, binding a phone', () => {
  it('issues a mobile certificate from its CA for a card-signed binding, and keeps it in the state folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gcis-fido-')), 'state');
    const { bind, world } = await setup(dir);
    const bound = await bind();
    expect(bound.statusCode).toBe(200);
    expect(bound.json()).toMatchObject({ maskedId: 'A12****789', caCertificate: Buffer.from(world.state.ca.certificate).toString('base64') });
    expect(statSync(join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    const reopened = createFidoEmulator({ stateDir: dir, clock: world.clock, random: cryptoRandom, serviceProviders: [] });
    expect(reopened.state.devices).toHaveLength(1);
    expect(reopened.state.ca.certificate).toEqual(world.state.ca.certificate);
  });

  it('refuses a reused challenge, a card of another ID, a bad signature and a card from another CA', async () => {
    const { app, bind, bindBody } = await setup();
    const body = await bindBody();
    expect((await app.inject({ method: 'POST', url: '/moise/device/bind', payload: body })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/moise/device/bind', payload: body })).json().error_code).toBe('BIND_CHALLENGE_NF');
    expect((await bind({ idNum: 'B123451230' })).json().error_code).toBe('IDNUM_DEVID_MISMATCH');
    expect((await bind({ cardSignature: Buffer.alloc(64).toString('base64') })).json().error_code).toBe('BIND_SIGNATURE_INVALID');
    const stranger = buildTestPki({ keys, variant: 'other-root' });
    expect((await bind({ cardCertificate: Buffer.from(stranger.leaf.der).toString('base64'), cardChain: [] })).json().error_code).toBe('BIND_CARD_UNTRUSTED');
  });
});
