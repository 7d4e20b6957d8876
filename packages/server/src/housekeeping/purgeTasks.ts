import type { AppContext } from '../context.js';

/** One table's purge: deletes what can no longer be used at `now` and returns how many rows went. */
export type PurgeTask = { name: string; purge: (now: Date) => Promise<number> };

const before = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

/**
 * What housekeeping deletes, one named task per table. Only rows no rule can need again: each
 * purge keeps whatever a login, a limit or a replay check could still read.
 */
export function purgeTasks({ store, config }: Pick<AppContext, 'store' | 'config'>): PurgeTask[] {
  const { absoluteSeconds, idleSeconds } = config.session;
  return [
    {
      name: 'sessions',
      purge: (now) => store.sessions.purgeDead({ issuedBefore: before(now, absoluteSeconds), seenBefore: before(now, idleSeconds) }),
    },
    { name: 'captchas', purge: (now) => store.captchas.purgeDead(now.toISOString()) },
    { name: 'certificateChallenges', purge: (now) => store.certificateChallenges.purgeDead(now.toISOString()) },
    {
      name: 'pushTransactions',
      purge: (now) => store.pushTransactions.purgeEndedBefore(before(now, config.housekeeping.pushRetentionSeconds)),
    },
    { name: 'pushSignedResponses', purge: () => store.pushTransactions.purgeOrphanSignedResponses() },
    { name: 'oneDayPasswords', purge: (now) => store.oneDayPasswords.purgeExpired(now.toISOString()) },
    { name: 'throttle', purge: (now) => store.throttle.purge(now) },
  ];
}
