import { describe, expect, it } from 'vitest';
import type { NewPushTransaction, Store } from '../Store.js';
import { contractStores, storesForFile } from './contractStores.js';
import { addAccount, at, countOf, race } from './fixtures.js';

let transactions = 0;

async function startPush(store: Store, overrides: Partial<NewPushTransaction> = {}) {
  const id = `push-${++transactions}`;
  const accountId = await addAccount(store);
  await store.pushTransactions.insert({
    id,
    nationalIdHmac: `mac-${id}`,
    nationalIdSealed: Buffer.from('sealed id'),
    accountId,
    matchCode: '42',
    origin: 'https://app.example',
    createdAt: at(0),
    expiresAt: at(300),
    ...overrides,
  });
  const approval = (responseHash = `response-${id}`, token = `token-${id}`) => ({
    id,
    responseHash,
    at: at(20),
    session: { tokenHash: `hash-${token}`, accountId, method: 'push' as const, issuedAt: at(20) },
    tokenSealed: Buffer.from(`sealed ${token}`),
  });
  return { id, accountId, approval };
}

const row = (id: string) => ({ table: 'push_transactions', where: 'id = $1', values: [id] });

describe.each(contractStores)('push transactions on $name', ({ open }) => {
  const stores = storesForFile(open);

  it('keeps a pending transaction and its ticket for every instance', async () => {
    const { first, second } = stores;
    const { id, accountId } = await startPush(first);
    await second.pushTransactions.setTicket(id, 'ticket-1');
    const stored = await first.pushTransactions.get(id);
    expect(stored).toMatchObject({ id, account_id: accountId, status: 'pending', sp_ticket_id: 'ticket-1', finished_at: null, expires_at: at(300) });
    expect(stored?.national_id_sealed.equals(Buffer.from('sealed id'))).toBe(true);
    expect(await first.pushTransactions.get('push-unknown')).toBeUndefined();
  });

  it('ends a transaction once; its ticket and status stay as they were', async () => {
    const { first, second } = stores;
    const { id } = await startPush(first);
    const ended = await race(stores, row(id), 10, (store, index) =>
      store.pushTransactions.finish(id, index % 2 ? 'denied' : 'cancelled', at(30), { code: 'ERR_PUSH_DENIED', message: 'no' }),
    );
    expect(countOf(ended, true)).toBe(1);
    await second.pushTransactions.setTicket(id, 'late');
    expect(await first.pushTransactions.get(id)).toMatchObject({ sp_ticket_id: null, reason_code: 'ERR_PUSH_DENIED', finished_at: at(30) });
  });

  it('approves once: stores the session, keeps the token sealed for one claim, spends the response', async () => {
    const { first, second } = stores;
    const { id, approval } = await startPush(first);
    expect(await second.pushTransactions.claimSession(id)).toBeUndefined();
    expect(await first.pushTransactions.approve(approval())).toBe('approved');
    expect(await second.pushTransactions.get(id)).toMatchObject({ status: 'approved', finished_at: at(20) });
    expect(await second.sessions.find(`hash-token-${id}`)).toMatchObject({ method: 'push', issued_at: at(20) });
    expect(await second.pushTransactions.signedResponseUsed(`response-${id}`)).toBe(true);
    expect(await second.pushTransactions.approve(approval())).toBe('replay');
    expect(await second.pushTransactions.approve(approval('another response', 'another token'))).toBe('ended');
    expect(await second.sessions.find('hash-another token')).toBeUndefined();
    expect(await second.pushTransactions.signedResponseUsed('another response')).toBe(false);

    const claims = await race(stores, row(id), 10, (store) => store.pushTransactions.claimSession(id));
    expect(claims.filter((claim) => claim?.equals(Buffer.from(`sealed token-${id}`)))).toHaveLength(1);
    expect(claims.filter((claim) => claim === undefined)).toHaveLength(9);
    expect(await first.pushTransactions.claimSession(id)).toBeUndefined();
  });

  it('refuses to approve an ended transaction and leaves no trace of the attempt', async () => {
    const { first, second } = stores;
    const { id, approval } = await startPush(first);
    await first.pushTransactions.finish(id, 'cancelled', at(10));
    expect(await second.pushTransactions.approve(approval())).toBe('ended');
    expect(await first.pushTransactions.signedResponseUsed(`response-${id}`)).toBe(false);
    expect(await first.sessions.find(`hash-token-${id}`)).toBeUndefined();
    expect(await first.pushTransactions.claimSession(id)).toBeUndefined();
  });

  it('approves one of 10 concurrent approvals with different responses, the rest find it ended', async () => {
    const { first } = stores;
    const { id, approval } = await startPush(first);
    const results = await race(stores, row(id), 10, (store, index) => store.pushTransactions.approve(approval(`response-${index}`, `token-${index}`)));
    expect(countOf(results, 'approved')).toBe(1);
    expect(countOf(results, 'ended')).toBe(9);
    const used = await Promise.all(results.map((_, index) => first.pushTransactions.signedResponseUsed(`response-${index}`)));
    expect(countOf(used, true)).toBe(1);
  });

  it('approves one of 10 concurrent approvals with the same response, the rest are replays', async () => {
    const { first } = stores;
    const { id, approval } = await startPush(first);
    const results = await race(stores, row(id), 10, (store, index) => store.pushTransactions.approve({ ...approval(), session: { ...approval(undefined, `t${index}`).session } }));
    expect(countOf(results, 'approved')).toBe(1);
    expect(countOf(results, 'replay')).toBe(9);
  });

  it('leases polling to one instance at a time, renewable by it, taken over once it runs out or is given back', async () => {
    const { first, second } = stores;
    const { id } = await startPush(first);
    const leases = await race(stores, row(id), 10, (store, index) => store.pushTransactions.leasePoll(id, `instance-${index}`, at(0), at(10)));
    expect(countOf(leases, true)).toBe(1);
    const holder = `instance-${leases.indexOf(true)}`;
    const other = holder === 'instance-1' ? 'instance-2' : 'instance-1';

    expect(await first.pushTransactions.leasePoll(id, holder, at(5), at(15))).toBe(true);
    expect(await second.pushTransactions.leasePoll(id, other, at(14), at(24))).toBe(false);
    await second.pushTransactions.releasePoll(id, other); // not its lease: nothing changes
    expect(await second.pushTransactions.leasePoll(id, other, at(14), at(24))).toBe(false);
    expect(await second.pushTransactions.leasePoll(id, other, at(15), at(25))).toBe(true); // the holder died
    expect(await first.pushTransactions.leasePoll(id, holder, at(16), at(26))).toBe(false);
    await second.pushTransactions.releasePoll(id, other);
    expect(await first.pushTransactions.leasePoll(id, holder, at(16), at(26))).toBe(true);
    expect(await first.pushTransactions.leasePoll('push-unknown', holder, at(16), at(26))).toBe(false);
  });

  it('counts the pending and recent attempts of one national ID', async () => {
    const { first, second } = stores;
    const hmac = `mac-count-${++transactions}`;
    const a = await startPush(first, { nationalIdHmac: hmac, createdAt: at(0), expiresAt: at(300) });
    await startPush(first, { nationalIdHmac: hmac, createdAt: at(60), expiresAt: at(360) });
    await startPush(first, { nationalIdHmac: hmac, createdAt: at(120), expiresAt: at(130) });
    await first.pushTransactions.finish(a.id, 'denied', at(70));
    expect(await second.pushTransactions.countPending(hmac, at(200))).toBe(1);
    expect(await second.pushTransactions.countSince(hmac, at(-1))).toEqual({ count: 3, oldest: at(0) });
    expect(await second.pushTransactions.countSince(hmac, at(30))).toEqual({ count: 2, oldest: at(60) });
    expect(await second.pushTransactions.countSince('mac-nobody', at(0))).toEqual({ count: 0, oldest: null });
  });

  it('purges ended and expired transactions, then the replay records they leave', async () => {
    const { first, second } = await open();
    try {
      const ended = await startPush(first, { expiresAt: at(3000) });
      const expired = await startPush(first, { expiresAt: at(100) });
      const live = await startPush(first, { expiresAt: at(3000) });
      expect(await first.pushTransactions.approve(ended.approval())).toBe('approved');
      expect(await second.pushTransactions.purgeEndedBefore(at(200))).toBe(2);
      expect(await first.pushTransactions.get(expired.id)).toBeUndefined();
      expect(await first.pushTransactions.get(live.id)).toBeDefined();
      expect(await second.pushTransactions.purgeOrphanSignedResponses()).toBe(1);
      expect(await first.pushTransactions.signedResponseUsed(`response-${ended.id}`)).toBe(false);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
