import { GcisError, isGcisError } from '@gcis/core';
import { Health } from '@gcis/core/api';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** How long the store may take to answer a health check before the instance reports itself unavailable. */
const storeAnswerMs = 2_000;

/**
 * `GET /healthz`: 200 while this instance can serve — its store answers a one-row read — and 503
 * ERR_STORE_UNAVAILABLE while it cannot (PostgreSQL down or unreachable, a store that failed), so
 * a load balancer sends requests to the instances that can answer them.
 */
export function healthRoutes(app: FastifyInstance, { store }: Pick<AppContext, 'store'>): void {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async () => {
    try {
      await withinTime(store.serverChanges.version(), storeAnswerMs);
    } catch (cause) {
      if (isGcisError(cause, 'ERR_STORE_UNAVAILABLE')) throw cause;
      throw new GcisError('ERR_STORE_UNAVAILABLE', 'The database does not answer.', { cause });
    }
    return { status: 'ok' as const };
  });
}

/** The store's answer, or ERR_STORE_UNAVAILABLE once `ms` have passed without one (a network that drops packets never refuses). */
function withinTime<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new GcisError('ERR_STORE_UNAVAILABLE', `The database did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
