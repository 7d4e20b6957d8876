import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedLoginContent, type PinStatus } from '@gcis/core/smartcard';
import { buildTestPki, generateTestPkiKeys } from '@gcis/core/x509/testing';
import { login, type LoginOptions } from '../commands/login.js';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { cardCertificate, fakeCard } from '../testing/fakeCard.js';
import { fakeDeps, tempDir, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, type Route } from '../testing/fakeServer.js';

const now = '2026-11-27T02:00:10Z';
const keys = generateTestPkiKeys('ec'); // EC keys: fast, and the CLI treats both key types alike
const pki = buildTestPki({ now: new Date(now), keys });
const encryptionPki = buildTestPki({ now: new Date(now), keys, variant: 'leaf-without-digital-signature' });
const challenge = { challengeId: 'ch-1', challenge: Buffer.alloc(32, 7).toString('base64url'), expiresAt: '2026-11-27T02:05:10.000Z' };
const routes = {
  'POST /v1/login/certificate/challenge': { status: 200, body: challenge },
  'POST /v1/login/certificate': { status: 200, body: session({ method: 'certificate' }) },
} satisfies Record<string, Route>;
const oneCard = [{ listed: cardCertificate(pki), pki }];

type Entries = Parameters<typeof fakeCard>[0];

async function setup(
  { entries = oneCard, pinStatus, replies = {}, ...options }: FakeDepsOptions & { entries?: Entries; pinStatus?: PinStatus; replies?: Record<string, Route> } = {},
) {
  const server = await startFakeServer({ ...routes, ...replies });
  const card = fakeCard(pinStatus ? entries.map(({ listed, pki }) => ({ listed: { ...listed, pinStatus }, pki })) : entries);
  const fake = await fakeDeps({ now, openSigner: card.openSigner, ...options });
  const run = (flags: Omit<LoginOptions, 'server'> = {}) => login({ server: server.url, method: 'cert', ...flags }, fake.deps);
  const sent = (path: string) => server.requests.filter((request) => request.path === path).map((request) => request.body);
  return { ...fake, server, card, run, sent, store: openTokenStore(fake.deps.configDir) };
}

async function pinFile(contents: string, mode: number) {
  const file = join(await tempDir(), 'pin');
  await writeFile(file, contents);
  await chmod(file, mode);
  return file;
}

describe('gcis login --method cert', () => {
  it('signs this server’s challenge once, bound to its origin, and keeps the certificate session', async () => {
    const { run, card, sent, store, server, stdout } = await setup({ env: { GCIS_PIN: '123456' } });
    await run();
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/login/certificate/challenge', '/v1/login/certificate']);
    expect(card.signs).toHaveLength(1);
    expect(card.signs[0]).toMatchObject({ pin: '123456', certificate: { keyId: '01' } });
    const [body] = sent('/v1/login/certificate') as Array<{ challengeId: string; signature: string }>;
    expect(body?.challengeId).toBe('ch-1');
    const cms = Buffer.from(body!.signature, 'base64');
    const content = signedLoginContent({ challenge: challenge.challenge, origin: server.url, issuedAt: new Date(now) });
    expect(cms.includes(Buffer.from(content))).toBe(true);
    expect(cms.includes(Buffer.from(pki.leaf.der))).toBe(true);
    expect((await store.read(server.url))?.method).toBe('certificate');
    expect(card.closed()).toBe(1);
    expect(stdout()).toBe('');
  });

  it('picks the certificate method by itself when GCIS_PIN or a card flag is given', async () => {
    const { deps, server } = await setup({ env: { GCIS_PIN: '123456' } });
    await login({ server: server.url }, deps);
    expect(server.requests.at(-1)?.path).toBe('/v1/login/certificate');
  });

  it('hands --signer and --pkcs11-module to the signer', async () => {
    const { run, card } = await setup({ env: { GCIS_PIN: '123456' } });
    await run({ signer: 'pkcs11', pkcs11Module: '/opt/card/libcard.so' });
    expect(card.opened).toEqual([{ kind: 'pkcs11', modulePath: '/opt/card/libcard.so' }]);
  });

  it('refuses --pkcs11-module with --signer hipki as a usage error', async () => {
    const { run, card } = await setup({ env: { GCIS_PIN: '123456' } });
    expect(await errorCodeOf(run({ signer: 'hipki', pkcs11Module: '/opt/card/libcard.so' }))).toBe('ERR_USAGE');
    expect(card.opened).toEqual([]);
  });

  it('keeps nothing when the server refuses the certificate, which exits 4', async () => {
    const { run, store, server } = await setup({
      env: { GCIS_PIN: '123456' },
      replies: { 'POST /v1/login/certificate': errorReply(401, 'ERR_CERT_REVOKED') },
    });
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_CERT_REVOKED' });
    expect(exitCodeFor(error)).toBe(4);
    expect(await store.read(server.url)).toBeUndefined();
  });
});

describe('the PIN', () => {
  it('comes from --pin-file (mode 0600) before GCIS_PIN, without its trailing newline', async () => {
    const { run, card } = await setup({ env: { GCIS_PIN: '999999' } });
    await run({ pinFile: await pinFile('123456\n', 0o600) });
    expect(card.signs.map((request) => request.pin)).toEqual(['123456']);
  });

  it('takes a --pin-file of mode 0400', async () => {
    const { run, card } = await setup();
    await run({ pinFile: await pinFile('123456', 0o400) });
    expect(card.signs).toHaveLength(1);
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a --pin-file of mode %o with ERR_USAGE before touching the card or the server', async (mode) => {
    const { run, card, server } = await setup({ env: { GCIS_PIN: '123456' } });
    const error = await run({ pinFile: await pinFile('123456', mode) }).catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: 'ERR_USAGE' });
    expect((error as Error).message).toContain('chmod 600');
    expect(card.opened).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('refuses a missing or empty --pin-file with ERR_USAGE', async () => {
    const { run } = await setup();
    expect(await errorCodeOf(run({ pinFile: '/nonexistent/pin' }))).toBe('ERR_USAGE');
    expect(await errorCodeOf(run({ pinFile: await pinFile('\n', 0o600) }))).toBe('ERR_USAGE');
  });

  it('is asked with a masked PIN prompt on a terminal', async () => {
    const { run, card, asked } = await setup({ tty: true, answers: { pin: ['123456'] } });
    await run();
    expect(asked).toEqual([{ kind: 'pin', message: expect.stringContaining('PIN of card TP0000000000001') }]);
    expect(card.signs).toHaveLength(1);
  });

  it('names --pin-file and GCIS_PIN when missing without a terminal (exit 2), before opening the card', async () => {
    const { run, card, server } = await setup();
    const error = await run().catch((caught: Error) => caught);
    expect(exitCodeFor(error)).toBe(2);
    expect(error).toMatchObject({ code: 'ERR_MISSING_INPUT', message: expect.stringMatching(/--pin-file.*GCIS_PIN/) });
    expect(card.opened).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('is tried once: a wrong PIN fails with ERR_PIN_INCORRECT (exit 4), the tries left, and no second try', async () => {
    const { run, card, sent, store, server, asked } = await setup({ tty: true, answers: { pin: ['654321', '123456'] } });
    const error = await run().catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: 'ERR_PIN_INCORRECT', message: expect.stringContaining('few tries left') });
    expect(exitCodeFor(error)).toBe(4);
    expect(card.signs).toHaveLength(1);
    expect(asked).toHaveLength(1);
    expect(sent('/v1/login/certificate')).toEqual([]);
    expect(await store.read(server.url)).toBeUndefined();
    expect(card.closed()).toBe(1);
  });

  it('says when the wrong PIN was the last try before the card locks', async () => {
    const server = await startFakeServer(routes);
    const card = fakeCard(oneCard, { afterWrongPin: { countLow: true, finalTry: true, locked: false } });
    const { deps } = await fakeDeps({ now, env: { GCIS_PIN: '000000' }, openSigner: card.openSigner });
    const error = await login({ server: server.url, method: 'cert' }, deps).catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: 'ERR_PIN_INCORRECT', message: expect.stringContaining('ONE try is left') });
    expect(card.signs).toHaveLength(1);
  });

  it('warns on stderr before asking when the card reports wrong PINs since the last good one', async () => {
    const { run, deps, stderr } = await setup({ tty: true, answers: { pin: ['123456'] }, pinStatus: { countLow: true, finalTry: false, locked: false } });
    let shownBeforeAsking = '';
    const ask = deps.prompts.pin;
    deps.prompts.pin = (message, options) => ((shownBeforeAsking = stderr()), ask(message, options));
    await run();
    expect(shownBeforeAsking).toMatch(/warning: card TP0000000000001 reports wrong PINs/);
  });

  it('warns that ONE try is left when the card reports its final try', async () => {
    const { run, stderr, card } = await setup({ env: { GCIS_PIN: '123456' }, pinStatus: { countLow: true, finalTry: true, locked: false } });
    await run();
    expect(stderr()).toMatch(/warning: card TP0000000000001 has ONE PIN try left/);
    expect(card.signs).toHaveLength(1);
  });

  it('refuses a locked card with ERR_PIN_LOCKED (exit 4) without asking or signing', async () => {
    const { run, card, asked, server } = await setup({ tty: true, pinStatus: { countLow: true, finalTry: true, locked: true } });
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_PIN_LOCKED' });
    expect(exitCodeFor(error)).toBe(4);
    expect(asked).toEqual([]);
    expect(card.signs).toEqual([]);
    expect(server.requests).toEqual([]);
  });
});

describe('choosing the card and certificate', () => {
  // Card A: a signing and an encryption certificate, as on a MOICA card; card B: one signing certificate.
  const cardA = { tokenSerial: 'AAAA000000000001', tokenLabel: 'Card A', slotId: '0' };
  const cardB = { tokenSerial: 'BBBB000000000002', tokenLabel: 'Card B', slotId: '1' };
  const twoCards: Entries = [
    { listed: cardCertificate(pki, { ...cardA, keyId: '01' }), pki },
    { listed: cardCertificate(encryptionPki, { ...cardA, keyId: '02' }), pki: encryptionPki },
    { listed: cardCertificate(pki, { ...cardB, keyId: '01' }), pki },
  ];
  const signedWith = (card: ReturnType<typeof fakeCard>) => card.signs.map(({ certificate }) => `${certificate.tokenSerial}/${certificate.keyId}`);

  it('offers the signing certificates of every card in a picker on a terminal', async () => {
    const { run, card, asked } = await setup({ entries: twoCards, tty: true, answers: { select: ['1'], pin: ['123456'] } });
    await run();
    expect(asked[0]).toMatchObject({ kind: 'select', choices: ['0', '1'] });
    expect(signedWith(card)).toEqual(['BBBB000000000002/01']);
  });

  it('names --card without a terminal when several cards are present (exit 2)', async () => {
    const { run, card } = await setup({ entries: twoCards, env: { GCIS_PIN: '123456' } });
    const error = await run().catch((caught: Error) => caught);
    expect(exitCodeFor(error)).toBe(2);
    expect(error).toMatchObject({ code: 'ERR_MISSING_INPUT', message: expect.stringMatching(/--card .*AAAA000000000001, BBBB000000000002/) });
    expect(card.signs).toEqual([]);
  });

  it('takes the signing certificate of the card --card names by itself', async () => {
    const { run, card } = await setup({ entries: twoCards, env: { GCIS_PIN: '123456' } });
    await run({ card: 'aaaa000000000001' });
    expect(signedWith(card)).toEqual(['AAAA000000000001/01']);
  });

  it('names --certificate without a terminal when a card holds several signing certificates', async () => {
    const entries: Entries = [
      { listed: cardCertificate(pki, { keyId: '01' }), pki },
      { listed: cardCertificate(pki, { keyId: '03' }), pki },
    ];
    const { run } = await setup({ entries, env: { GCIS_PIN: '123456' } });
    const error = await run().catch((caught: Error) => caught);
    expect(error).toMatchObject({ code: 'ERR_MISSING_INPUT', message: expect.stringMatching(/--certificate .*01, 03/) });
  });

  it('takes --certificate by key ID or by certificate serial, whatever its key usage', async () => {
    const { run, card } = await setup({ entries: twoCards, env: { GCIS_PIN: '123456' } });
    await run({ card: 'AAAA000000000001', certificate: '02' });
    await run({ card: 'BBBB000000000002', certificate: pki.leaf.serialHex.toUpperCase() });
    expect(signedWith(card)).toEqual(['AAAA000000000001/02', 'BBBB000000000002/01']);
  });

  it('says which cards and certificates exist when --card or --certificate matches none', async () => {
    const { run } = await setup({ entries: twoCards, env: { GCIS_PIN: '123456' } });
    const noCard = await run({ card: 'CCCC' }).catch((caught: Error) => caught);
    expect(noCard).toMatchObject({ code: 'ERR_NO_CARD', message: expect.stringContaining('AAAA000000000001') });
    expect(await errorCodeOf(run({ card: 'AAAA000000000001', certificate: '09' }))).toBe('ERR_CARD_CERT_NOT_FOUND');
  });
});
