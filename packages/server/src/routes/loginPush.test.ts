import { describe, expect, it } from 'vitest';
import { buildTestPki } from '@gcis/core/x509/testing';
import { matchCodeFromHint, pushSignData, pushSignInfo } from '@gcis/core/push';
import { createPushRuntime } from '../push/pushRuntime.js';
import { citizenId, createPushTestServer, emulatorUrl } from '../testing/pushTestServer.js';
import { storeRows } from '../testing/storeRows.js';
import { mintSession } from '../login/issueSession.js';
import { pushSessionContext } from '../push/claimPushSession.js';

describe('push login with the TW FidO emulator', () => {
  it('approves: the phone sees the match code in the hint, signs, and the first poll after gets the session once', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const started = await server.start();
    expect(started.statusCode).toBe(200);
    const { transactionId, matchCode, expiresAt } = started.json();
    expect(matchCode).toMatch(/^\d{2}$/);
    expect(expiresAt).toBe(new Date(server.clock.now().getTime() + 60_000).toISOString());

    const [request] = await phone.pending();
    expect(request).toMatchObject({ service: 'gcis 商工入口網', maskedId: 'A12****789' });
    expect(matchCodeFromHint(request!.hint)).toBe(matchCode);
    const push = server.calls.find((call) => call.op === 'requestAthOrSignPush')!.body;
    expect(push).toMatchObject({ op_code: 'SIGN', id_num: citizenId, time_limit: 60, sp_service_id: 'gcis' });
    expect(request!.signInfo).toEqual(pushSignInfo(pushSignData({ transactionId, matchCode, origin: 'http://localhost:80' })));

    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'pending' });
    await phone.approve();
    // A long poll: the server asks the service again only after its poll interval.
    const approved = (await server.status(transactionId, 5)).json();
    expect(approved).toMatchObject({ status: 'approved', session: { account: 'mei', method: 'push' } });
    const again = (await server.status(transactionId)).json();
    expect(again).toEqual({ status: 'approved', expiresAt });

    const whoami = await server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${approved.session.token}` } });
    expect(whoami.json()).toMatchObject({ account: 'mei', method: 'push' });
  });

  it('answers a long poll as soon as the phone approves', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    const began = performance.now();
    const waiting = server.status(transactionId, 10);
    setTimeout(() => void phone.approve(), 200);
    expect((await waiting).json()).toMatchObject({ status: 'approved', session: { account: 'mei' } });
    expect(performance.now() - began).toBeLessThan(5000); // well before the 10 s wait ends
  });

  it('polls the service no faster than pollIntervalSeconds, however many clients wait', async () => {
    const server = await createPushTestServer({ push: { pollIntervalSeconds: 0.25 } });
    await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    await Promise.all([server.status(transactionId, 1), server.status(transactionId, 1), server.status(transactionId, 1)]);
    const polls = server.calls.filter((call) => call.op === 'getAthOrSignResult').map((call) => call.at);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.length).toBeLessThanOrEqual(5);
    for (let index = 1; index < polls.length; index++) expect(polls[index]! - polls[index - 1]!).toBeGreaterThanOrEqual(240);
  });

  it('gives the session to one of several concurrent polls only', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    await phone.approve();
    const answers = (await Promise.all([1, 2, 3].map(() => server.status(transactionId, 1)))).map((r) => r.json());
    expect(answers.every((a) => a.status === 'approved')).toBe(true);
    expect(answers.filter((a) => a.session)).toHaveLength(1);
  });

  it('hands a session approved elsewhere (no caller took it) to one poll only', async () => {
    const server = await createPushTestServer();
    await server.bindPhone();
    const [first, second] = [await server.start(), await server.start()];
    const [one, two] = [first.json().transactionId, second.json().transactionId];
    const account = (await server.data.store.accounts.find('mei'))!;
    // As another instance would: approved, the session stored and its token sealed to its transaction.
    const minted = mintSession(server.context, account, 'push');
    const sealed = server.data.box.seal(Buffer.from(minted.session.token), pushSessionContext(one));
    const at = server.clock.now().toISOString();
    expect(await server.data.store.pushTransactions.approve({ id: one, responseHash: 'r', at, session: minted.row, tokenSealed: sealed })).toBe('approved');
    const polls = await Promise.all(Array.from({ length: 5 }, () => server.status(one)));
    const sessions = polls.map((poll) => poll.json()).filter((body) => body.session);
    expect(polls.map((poll) => poll.json().status)).toEqual(Array(5).fill('approved'));
    expect(sessions).toHaveLength(1);
    expect(sessions[0].session).toMatchObject({ token: minted.session.token, account: 'mei', method: 'push' });
    const whoAmI = await server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${minted.session.token}` } });
    expect(whoAmI.json()).toMatchObject({ account: 'mei', method: 'push' });
    expect((await server.status(two)).json()).toEqual({ status: 'pending', expiresAt: second.json().expiresAt }); // its own poll goes on
  });

  it('reports a denial on the phone', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    await phone.deny();
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_DENIED' } });
  });

  it('expires a request nobody answered, and ignores an answer after that', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    server.advance(61);
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'expired', reason: { code: 'ERR_PUSH_EXPIRED' } });
    expect(await phone.pending()).toEqual([]);
  });

  it('cancels: the status says so and a later approval does not log in', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    expect((await server.cancel(transactionId)).json()).toMatchObject({ status: 'cancelled' });
    await phone.approve();
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'cancelled' });
    expect(server.calls.filter((call) => call.op === 'getAthOrSignResult')).toHaveLength(0);
  });

  it('wakes a long poll when the login is cancelled', async () => {
    const server = await createPushTestServer({ push: { pollIntervalSeconds: 5 } });
    await server.bindPhone();
    const { transactionId } = (await server.start()).json();
    const began = performance.now();
    const waiting = server.status(transactionId, 10);
    setTimeout(() => void server.cancel(transactionId), 150);
    expect((await waiting).json()).toMatchObject({ status: 'cancelled' });
    expect(performance.now() - began).toBeLessThan(5000); // well before the 10 s wait ends
  });

  it('refuses a signed response used before, even under a new transaction (replay)', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const first = (await server.start()).json();
    const { signedResponse } = await phone.approve();
    expect((await server.status(first.transactionId)).json()).toMatchObject({ status: 'approved' });

    const second = (await server.start()).json();
    const [request] = await phone.pending();
    await phone.answer(request!.requestId, { decision: 'approve', signedResponse });
    expect((await server.status(second.transactionId)).json()).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_REPLAY' } });
  });

  it('refuses a signature over other data than this transaction', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const { transactionId, matchCode } = (await server.start()).json();
    await phone.approve(pushSignInfo(pushSignData({ transactionId, matchCode, origin: 'https://evil.example' })));
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_SIGNATURE' } });
  });

  it('refuses a phone certificate from a CA the server does not trust', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    server.context.push = createPushRuntime(server.data.config.push, {
      env: { GCIS_SERVER_FIDO_KEY: Buffer.alloc(32, 0x5a).toString('base64') },
      transport: server.context.push.transport,
    });
    const otherCa = buildTestPki({ now: server.clock.now(), keyType: 'ec' }).root.der;
    server.context.push.useEmulator({ baseUrl: () => emulatorUrl, caCertificate: otherCa, key: new Uint8Array(32).fill(0x5a) });
    const { transactionId } = (await server.start()).json();
    await phone.approve();
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'denied', reason: { code: 'ERR_CERT_UNTRUSTED' } });
  });

  it('checks the national ID before sending anything', async () => {
    const server = await createPushTestServer();
    for (const nationalId of ['A123456788', 'a12345678x', 'A323456789', 'AC01234568', 'AE01234567']) {
      const response = await server.start(nationalId);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('ERR_INVALID_NATIONAL_ID');
    }
    expect(await storeRows(server.data.store, 'SELECT CAST(count(*) AS INTEGER) AS n FROM push_transactions')).toEqual([{ n: 0 }]);
    expect(server.calls).toEqual([]);
  });

  it('logs in a holder of an old-style resident number (統一證號 AC…), as any other ID', async () => {
    const server = await createPushTestServer();
    const residentId = 'AC00016789'; // ends in 6789, as the test card says
    await storeRows(server.data.store, 'UPDATE accounts SET national_id_hmac = $1 WHERE account = $2', [server.data.box.mac(residentId), 'mei']);
    const phone = await server.bindPhone(residentId);
    const { transactionId } = (await server.start(residentId)).json();
    expect(server.calls.find((call) => call.op === 'requestAthOrSignPush')!.body).toMatchObject({ id_num: residentId });
    await phone.approve();
    expect((await server.status(transactionId)).json()).toMatchObject({ status: 'approved', session: { account: 'mei' } });
  });

  it('answers an unknown ID exactly as an ID with no bound phone, and pushes nothing for it', async () => {
    const server = await createPushTestServer();
    const unknown = await server.start('B123456780');
    const noPhone = await server.start(citizenId);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(noPhone.json());
    expect(noPhone.json().error.code).toBe('ERR_PUSH_NO_DEVICE');
    expect(server.calls.map((call) => call.body.id_num)).toEqual([citizenId]); // the service said IDNUM_DEVPROF_NF
  });

  it('limits pending requests per ID to 3 (push fatigue), then frees a slot on cancel', async () => {
    const server = await createPushTestServer();
    await server.bindPhone();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await server.start()).json().transactionId);
    const fourth = await server.start();
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('ERR_PUSH_LIMIT');
    await server.cancel(ids[0]);
    expect((await server.start()).statusCode).toBe(200);
  });

  it('limits requests per ID to 10 an hour, unknown IDs included', async () => {
    const server = await createPushTestServer();
    for (let i = 0; i < 10; i++) expect((await server.start('B123456780')).statusCode).toBe(404);
    const eleventh = await server.start('B123456780');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error).toMatchObject({ code: 'ERR_PUSH_LIMIT', retryAfterSeconds: 3600 });
    server.advance(3601);
    expect((await server.start('B123456780')).statusCode).toBe(404);
  });

  it('refuses the service answer when the keys differ (INV_SP_CHECKSUM at the service)', async () => {
    const server = await createPushTestServer({ emulatorKey: new Uint8Array(32).fill(1) });
    const response = await server.start();
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('ERR_PUSH_CHECKSUM');
  });

  it('says push login is not set up when there is no service, and 404 for an unknown transaction', async () => {
    const server = await createPushTestServer();
    server.context.push = createPushRuntime(server.data.config.push, { env: {} });
    const response = await server.start();
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('ERR_PUSH_NOT_CONFIGURED');
    expect((await server.status('00000000-0000-4000-8000-000000000000')).json().error.code).toBe('ERR_NOT_FOUND');
    expect((await server.status('x?wait=26')).statusCode).toBe(400);
  });
});
