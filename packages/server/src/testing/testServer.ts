import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { cryptoRandom, fixedClock, type MailMessage, type Mailer } from '@gcis/core';
import { hashPassword } from '@gcis/core/password';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { buildApp } from '../app.js';
import type { ServerConfig } from '../config.js';
import { createContext } from '../createContext.js';
import { initDataDir, openDataDir } from '../dataDir.js';
import { addTotpVersion } from '../secrets/totpSecrets.js';
import { recordCaptchaAnswers } from './solveCaptcha.js';
import { useTestStore } from './testStore.js';

export const password = 'correct horse battery';

/**
 * A real server app on a fresh data folder (real SQLite file — or, with GCIS_TEST_STORE=postgres, a
 * fresh PostgreSQL database, or the one at `databaseUrl` — real key) with a settable clock
 * and one account `alice` enrolled in TOTP. Tests talk to it with `app.inject`; its log lines are in `logs`.
 */
export async function createTestServer(config: Partial<ServerConfig> = {}, { databaseUrl }: { databaseUrl?: string } = {}) {
  const dir = join(mkdtempSync(join(tmpdir(), 'gcis-server-')), 'data');
  initDataDir(dir, cryptoRandom);
  const data = await openDataDir(dir, {});
  await useTestStore(data, databaseUrl);
  Object.assign(data.config, config);
  const clock = fixedClock('2026-11-27T02:00:10Z');
  const mail = capturingMailer();
  const context = await createContext(data, { clock, mailer: mail.mailer, revealCaptchaAnswer: recordCaptchaAnswers(data.store) });
  const logs: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = await buildApp(context, { logger: { level: 'info', stream: logStream } });

  const passwordHash = await hashPassword(password);
  const accountId = await data.store.accounts.insert({
    account: 'alice',
    name: '王小明',
    email: 'alice@example.com',
    nationalIdHmac: null,
    nationalIdMasked: null,
    passwordHash,
    createdAt: clock.now().toISOString(),
  });
  const key = await addTotpVersion(context, (await data.store.accounts.get(accountId))!, 'active');

  const codeFor = (base32: string, offsetSeconds = 0) =>
    generateTotp({ secret: decodeTotpSecret(base32), now: new Date(clock.now().getTime() + offsetSeconds * 1000) });

  /** Moves the clock on by whole seconds (default: one TOTP step). */
  const advance = (seconds = 30) => clock.set(clock.now().getTime() + seconds * 1000);

  const login = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/login/totp', payload: { account: 'alice', password, ...body } });

  /** Password logins whose password was checked (not refused by the throttle first), from the server's log. */
  const evaluatedLogins = () => logs.filter((line) => line.event === 'password-login' && line.outcome !== 'throttled').length;

  return { app, context, data, dir, clock, key, codeFor, advance, login, mail, logs, evaluatedLogins };
}

export type TestServer = Awaited<ReturnType<typeof createTestServer>>;

/** Keeps sent messages in memory; `failNext` makes the next send fail as an SMTP refusal would. */
function capturingMailer() {
  const sent: MailMessage[] = [];
  let failing = false;
  const mailer: Mailer = {
    async send(message) {
      if (failing) {
        failing = false;
        throw Object.assign(new Error('554 refused'), { code: 'EENVELOPE' });
      }
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
  };
  return { mailer, sent, failNext: () => void (failing = true) };
}
