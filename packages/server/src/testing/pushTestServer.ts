import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { cryptoRandom, type Clock } from '@gcis/core';
import { maskNationalId } from '@gcis/core/id';
import { hashPassword } from '@gcis/core/password';
import { bindingContent, signPushRequest, type SignInfo } from '@gcis/core/push';
import { buildTestPki, generateTestPkiKeys, type TestPki } from '@gcis/core/x509/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createContext } from '../createContext.js';
import { createFidoEmulator } from '../fido/createFidoEmulator.js';
import type { HashedIdNumForm } from '../fido/emulatorWorld.js';
import { fidoEmulatorRoutes } from '../fido/fidoEmulatorRoutes.js';
import type { PhoneCertificateProfile } from '../fido/issueMobileCertificate.js';
import { defaultPushConfig, type PushConfig } from '../push/pushConfig.js';
import { createFetchTransport, createPushRuntime, type PushLogger, type PushTransport } from '../push/pushRuntime.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { openPostgresStore } from '../store/postgres/openPostgresStore.js';
import { startFaultyProxy, type FaultyProxy } from './faultyProxy.js';
import { createTestServer, password } from './testServer.js';

/** The citizen of the push tests: a valid ID ending in 6789, as the test PKI's citizen certificate says. */
export const citizenId = 'A123456789';
export const emulatorUrl = 'http://fido-emulator.test';
const serviceKey = new Uint8Array(32).fill(0x5a);
let pkiKeys: ReturnType<typeof generateTestPkiKeys> | undefined; // EC: quick to make, shared by every test

export type PushedRequest = { requestId: string; service: string; maskedId: string; hint: string; signInfo: SignInfo; createdAt: string; expiresAt: string };

export type PushTestServerOptions = {
  push?: Partial<PushConfig>;
  emulatorKey?: Uint8Array;
  /** What the emulator's phone certificates carry. */
  phoneCertificateProfile?: PhoneCertificateProfile;
  /**
   * Reach the emulator over real loopback HTTP through a faulty proxy (`proxy.inject`) with the
   * server's own fetch transport, timing out after `timeoutMs`; otherwise through `inject`.
   */
  overHttp?: { timeoutMs: number };
  hashedIdNumForm?: HashedIdNumForm;
  /** This instance's push runtime options (lease holder, lease length, safety re-read). */
  runtime?: PushRuntimeOptions;
  /** A PostgreSQL database for this server instead of the run's store (createTestServer), which secondInstance then joins. */
  databaseUrl?: string;
};

type PushRuntimeOptions = Pick<NonNullable<Parameters<typeof createPushRuntime>[1]>, 'pollLeaseMs' | 'rereadMs'>;

/**
 * createTestServer plus push login against an in-process TW FidO emulator (its own Fastify app),
 * an account `mei` holding `citizenId`, and a phone to bind and answer with. Every ATH call is
 * recorded with the real time it was made; what push login logs is in `pushLogs`. Call `close`.
 */
export async function createPushTestServer({
  push = {},
  emulatorKey = serviceKey,
  phoneCertificateProfile = 'card',
  overHttp,
  hashedIdNumForm,
  runtime: runtimeOptions = {},
  databaseUrl,
}: PushTestServerOptions = {}) {
  const server = await createTestServer({ captchaPolicy: 'off', push: { ...defaultPushConfig, pollIntervalSeconds: 0.05, lifetimeSeconds: 60, ...push } }, { ...(databaseUrl && { databaseUrl }) });
  const { context, data, clock } = server;
  const pki: TestPki = buildTestPki({ now: clock.now(), keys: (pkiKeys ??= generateTestPkiKeys('ec')) });
  const emulator = createFidoEmulator({
    clock,
    random: cryptoRandom,
    serviceProviders: [{ serviceId: 'gcis', name: 'gcis 商工入口網', key: emulatorKey }],
    cardTrustAnchors: pki.trustAnchors,
    phoneCertificateProfile,
    ...(hashedIdNumForm && { hashedIdNumForm }),
  });
  const emulatorApp = Fastify();
  await emulatorApp.register(fidoEmulatorRoutes, { world: emulator });

  let proxy: FaultyProxy | undefined;
  let baseUrl = emulatorUrl;
  let send: PushTransport = async (url, body) => (await emulatorApp.inject({ method: 'POST', url: new URL(url).pathname, payload: body as object })).json();
  if (overHttp) {
    proxy = await startFaultyProxy(await emulatorApp.listen({ host: '127.0.0.1', port: 0 }));
    baseUrl = proxy.url;
    send = createFetchTransport({ timeoutMs: overHttp.timeoutMs });
  }
  const calls: Array<{ op: string; at: number; body: Record<string, unknown>; instance: string }> = [];
  const transportOf =
    (instance: string): PushTransport =>
    async (url, body) => {
      calls.push({ op: new URL(url).pathname.split('/').pop()!, at: performance.now(), body: body as Record<string, unknown>, instance });
      return send(url, body);
    };
  const pushLogs: Array<{ level: 'info' | 'warn'; message: string }> = [];
  const log: PushLogger = { info: (message) => pushLogs.push({ level: 'info', message }), warn: (message) => pushLogs.push({ level: 'warn', message }) };
  const pushRuntime = (instance: string, options: PushRuntimeOptions = {}) => {
    const runtime = createPushRuntime(data.config.push, {
      env: { GCIS_SERVER_FIDO_KEY: Buffer.from(serviceKey).toString('base64') },
      transport: transportOf(instance),
      log,
      holder: `instance ${instance}`,
      ...options,
    });
    runtime.useEmulator({ baseUrl: () => baseUrl, caCertificate: emulator.state.ca.certificate, key: serviceKey });
    return runtime;
  };
  context.push = pushRuntime('A', runtimeOptions);

  await data.store.accounts.insert({
    account: 'mei',
    name: '王小明',
    email: 'mei@example.com',
    nationalIdHmac: data.box.mac(citizenId),
    nationalIdMasked: maskNationalId(citizenId),
    passwordHash: await hashPassword(password),
    createdAt: clock.now().toISOString(),
  });

  const device = (path: string, body?: unknown) =>
    emulatorApp.inject({ method: body === undefined ? 'GET' : 'POST', url: `/moise/device${path}`, payload: body as object | undefined });

  /** Binds a phone for `idNum` with the test PKI's citizen card; the phone's key is RSA-2048. */
  async function bindPhone(idNum = citizenId, card: TestPki = pki) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { challenge } = (await device('/bind/challenge', {})).json();
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const content = bindingContent({ challenge, idNum, devicePublicKey: spki, origin: 'http://localhost:80' });
    const bound = await device('/bind', {
      idNum,
      deviceName: 'test phone',
      devicePublicKey: Buffer.from(spki).toString('base64'),
      challenge,
      cardCertificate: Buffer.from(card.leaf.der).toString('base64'),
      cardSignature: sign('sha256', content, card.leaf.privateKey).toString('base64'),
      cardChain: card.intermediates.map((der) => Buffer.from(der).toString('base64')),
    });
    if (bound.statusCode !== 200) throw new Error(`binding failed: ${bound.body}`);
    return phone(bound.json().deviceId as string, privateKey);
  }

  function phone(deviceId: string, privateKey: KeyObject) {
    const pending = async (): Promise<PushedRequest[]> => (await device(`/${deviceId}/requests`)).json().requests;
    const answer = (requestId: string, body: unknown) => device(`/${deviceId}/requests/${requestId}`, body);
    return {
      deviceId,
      privateKey,
      pending,
      answer,
      async approve(signInfo?: SignInfo) {
        const [request] = await pending();
        if (!request) throw new Error('nothing pending on the phone');
        const signedResponse = signPushRequest({ privateKey, signInfo: signInfo ?? request.signInfo });
        return { request, signedResponse, reply: await answer(request.requestId, { decision: 'approve', signedResponse }) };
      },
      async deny() {
        const [request] = await pending();
        if (!request) throw new Error('nothing pending on the phone');
        return answer(request.requestId, { decision: 'deny' });
      },
    };
  }

  const start = (nationalId = citizenId) => server.app.inject({ method: 'POST', url: '/v1/login/push', payload: { nationalId } });
  const status = (id: string, wait = 0) => server.app.inject({ method: 'GET', url: `/v1/login/push/${id}?wait=${wait}` });
  const cancel = (id: string) => server.app.inject({ method: 'DELETE', url: `/v1/login/push/${id}` });

  const instances: Array<{ app: FastifyInstance; store: Store }> = [];
  /**
   * Another instance of this server on the same database, as a second process would be: its own
   * Store (`openStore`, default: another connection to this server's SQLite file or `databaseUrl`), its own push runtime
   * (lease holder `instance NAME`) and app; the same emulator, key, config and clock. Its ATH
   * calls are recorded in `calls` under its name. A SQLite store's events stay within its own
   * Store object, so by default a SQLite instance publishes to and hears this server's events, as
   * LISTEN/NOTIFY joins PostgreSQL instances (`linkEvents: false`: two processes on one file).
   */
  async function secondInstance({
    name = 'B',
    linkEvents = context.store.kind === 'sqlite',
    clock: instanceClock = context.clock,
    openStore: openInstanceStore = databaseUrl ? () => openPostgresStore(databaseUrl, { poolSize: 5 }) : async () => openSqliteStore(data.paths.database),
    ...options
  }: PushRuntimeOptions & { name?: string; linkEvents?: boolean; clock?: Clock; openStore?: () => Promise<Store> } = {}) {
    const opened = await openInstanceStore();
    const store: Store = linkEvents ? { ...opened, events: context.store.events } : opened;
    const instanceContext = await createContext({ ...data, store }, { clock: instanceClock, revealCaptchaAnswer: () => undefined });
    instanceContext.push = pushRuntime(name, options);
    const app = await buildApp(instanceContext);
    instances.push({ app, store: opened });
    return {
      app,
      context: instanceContext,
      store,
      status: (id: string, wait = 0) => app.inject({ method: 'GET', url: `/v1/login/push/${id}?wait=${wait}` }),
      cancel: (id: string) => app.inject({ method: 'DELETE', url: `/v1/login/push/${id}` }),
    };
  }

  const close = async () => {
    for (const instance of instances.splice(0)) {
      await instance.app.close();
      await instance.store.close();
    }
    await proxy?.close();
    await emulatorApp.close();
    await server.app.close();
    if (databaseUrl) await data.store.close(); // the run's own stores are closed by testStore.ts
  };

  return { ...server, pki, emulator, emulatorApp, proxy, calls, pushLogs, bindPhone, start, status, cancel, secondInstance, close };
}

export type PushTestServer = Awaited<ReturnType<typeof createPushTestServer>>;
