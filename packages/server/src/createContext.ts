import { cryptoRandom, type Clock, type Mailer, type Random } from '@gcis/core';
import { hashPassword } from '@gcis/core/password';
import type { AppContext } from './context.js';
import type { ServerData } from './dataDir.js';
import type { RateCounter } from './http/rateLimit/RateCounter.js';
import { memoryRateCounter } from './http/rateLimit/memoryRateCounter.js';
import { syncedRateCounter } from './http/rateLimit/syncedRateCounter.js';
import { accountIdentities } from './login/accountIdentities.js';
import { testCaptchaAnswers } from './login/testCaptchaAnswers.js';
import { createMailer } from './mail/createMailer.js';
import { createPushRuntime, type PushRuntime } from './push/pushRuntime.js';
import { serverClock } from './testClock.js';
import { openCertificateTrust, type CertificateTrust } from './trust/certificateTrust.js';

/** Fills in the clock (real, or a test clock a test-mode folder allows), randomness and mail around a data folder. */
export async function createContext(
  data: ServerData,
  {
    env = process.env,
    clock = serverClock(data.config, env),
    random = cryptoRandom,
    mailer = createMailer(data.config.mail, data.paths.outbox, env),
    push = createPushRuntime(data.config.push, { env }),
    certificates = openCertificateTrust(data.paths, { clock }),
    revealCaptchaAnswer = testCaptchaAnswers(data.config, env),
    rateCounter = data.store.rateCounts ? syncedRateCounter(data.store.rateCounts, { now: () => clock.now().getTime() }) : memoryRateCounter(),
  }: {
    env?: NodeJS.ProcessEnv;
    clock?: Clock;
    random?: Random;
    mailer?: Mailer;
    push?: PushRuntime;
    certificates?: CertificateTrust;
    revealCaptchaAnswer?: AppContext['revealCaptchaAnswer'];
    /** Where rate limits count: shared by every instance when the store has rateCounts, else this process's memory. */
    rateCounter?: RateCounter;
  } = {},
): Promise<AppContext> {
  // Administrator commands build a context too but never check a password: hash on first need only.
  let dummy: Promise<string> | undefined;
  const dummyPasswordHash = () => (dummy ??= hashPassword(Buffer.from(random.bytes(16)).toString('base64')));
  const { store, box, config } = data;
  return {
    store, box, config, clock, random, mailer, dummyPasswordHash, push, certificates, revealCaptchaAnswer,
    accountIdentities: accountIdentities(store.accounts), rateCounter,
  };
}
