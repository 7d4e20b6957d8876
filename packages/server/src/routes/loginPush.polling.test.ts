import { afterEach, describe, expect, it } from 'vitest';
import { createPushTestServer, type PushTestServer } from '../testing/pushTestServer.js';
import type { Fault } from '../testing/faultyProxy.js';

// Real loopback HTTP: the server's own fetch transport → a faulty proxy → the emulator.
const pollIntervalSeconds = 0.02;
const timeoutMs = 300;
let server: PushTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function pushOverHttp() {
  server = await createPushTestServer({ push: { pollIntervalSeconds, lifetimeSeconds: 60 }, overHttp: { timeoutMs } });
  const phone = await server.bindPhone();
  const { transactionId } = (await server.start()).json();
  return { server, phone, transactionId };
}

/** Long-polls until the transaction is no longer pending (each call waits at most 5 s). */
async function outcomeOf(server: PushTestServer, transactionId: string) {
  for (;;) {
    const status = (await server.status(transactionId, 5)).json();
    if (status.status !== 'pending') return status;
  }
}

describe('polling getAthOrSignResult through transient failures', () => {
  const faults: Fault[] = ['http-502', 'html-200', 'hang', 'html-503', 'json-without-error-code', 'reset'];

  it('keeps polling through 502s, HTML pages, a reset and a timeout, then logs in when the service approves', async () => {
    const { server, phone, transactionId } = await pushOverHttp();
    server.proxy!.inject('getAthOrSignResult', faults);
    await phone.approve();
    expect(await outcomeOf(server, transactionId)).toMatchObject({ status: 'approved', session: { account: 'mei' } });

    const polls = server.proxy!.seen.filter((request) => request.op === 'getAthOrSignResult');
    expect(polls.map((poll) => poll.fault)).toEqual([...faults, undefined]);
    const retries = server.pushLogs.filter((entry) => entry.level === 'warn' && /no answer from the service/.test(entry.message));
    expect(retries.map((entry) => /retry (\d+) in/.exec(entry.message)?.[1])).toEqual(faults.map((_, index) => String(index + 1)));
    expect(retries.some((entry) => /HTTP 502/.test(entry.message))).toBe(true);
    expect(retries.some((entry) => /not JSON/.test(entry.message))).toBe(true);
    expect(retries.some((entry) => /did not answer within 300 ms/.test(entry.message))).toBe(true);
  });

  it('waits longer after each failure in a row (backoff)', async () => {
    const { server, transactionId } = await pushOverHttp();
    server.proxy!.inject('getAthOrSignResult', ['http-502', 'http-502', 'http-502', 'http-502']);
    await server.status(transactionId, 2);
    const waits = server.pushLogs.map((entry) => Number(/in (\d+) ms/.exec(entry.message)?.[1])).filter((value) => value > 0);
    expect(waits.slice(0, 4)).toEqual([40, 80, 160, 320]);
    const at = server.calls.filter((call) => call.op === 'getAthOrSignResult').map((call) => call.at);
    for (let index = 1; index < Math.min(at.length, 5); index++) expect(at[index]! - at[index - 1]!).toBeGreaterThanOrEqual(waits[index - 1]! - 5);
  });

  it('ends the login on a definitive answer of the service after the failures (the phone declined)', async () => {
    const { server, phone, transactionId } = await pushOverHttp();
    server.proxy!.inject('getAthOrSignResult', ['html-200', 'http-502']);
    await phone.deny();
    expect(await outcomeOf(server, transactionId)).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_DENIED' } });
  });

  it('gives up only at the time limit when the service never answers: expired, not denied', async () => {
    const { server, transactionId } = await pushOverHttp();
    server.proxy!.inject('getAthOrSignResult', Array<Fault>(50).fill('http-502'));
    expect((await server.status(transactionId, 1)).json()).toMatchObject({ status: 'pending' });
    server.advance(61);
    expect(await outcomeOf(server, transactionId)).toMatchObject({ status: 'expired', reason: { code: 'ERR_PUSH_EXPIRED' } });
  });

  it('still refuses a tampered success (bad idp_checksum) at once: that is an answer, not an outage', async () => {
    const { server, phone, transactionId } = await pushOverHttp();
    await phone.approve();
    server.context.push.transport = async (url, body) => {
      const answer = (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json())) as {
        result?: { hashed_id_num?: string };
      };
      if (answer.result) answer.result.hashed_id_num = '0'.repeat(64);
      return answer;
    };
    expect(await outcomeOf(server, transactionId)).toMatchObject({ status: 'denied', reason: { code: 'ERR_PUSH_CHECKSUM' } });
  });

  it('does not retry the push itself: an HTML page from requestAthOrSignPush fails the start with ERR_PUSH_SERVICE', async () => {
    server = await createPushTestServer({ push: { pollIntervalSeconds }, overHttp: { timeoutMs } });
    await server.bindPhone();
    server.proxy!.inject('requestAthOrSignPush', ['html-200']);
    const response = await server.start();
    expect([response.statusCode, response.json().error.code]).toEqual([502, 'ERR_PUSH_SERVICE']);
  });
});
