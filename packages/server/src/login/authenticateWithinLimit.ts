import { isGcisError } from '@gcis/core';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { addressKey, countRequest, tokenKey } from '../http/rateLimit/countRequest.js';
import { authenticate, type Authenticated } from './authenticate.js';

/**
 * {@link authenticate}, counted against the session routes' own limits. A live token counts in its
 * own window (config `sessionRateLimit`, keyed by the token's hash), so scripts behind one address
 * do not share one budget. A request without a live token — absent, malformed, unknown, ended —
 * counts in its address's window, the one the login routes count in (config `rateLimit`), so a
 * made-up token buys no extra requests. Counted after the lookup: a refused request costs one read.
 */
export async function authenticateWithinLimit(context: AppContext, request: FastifyRequest): Promise<Authenticated> {
  const now = context.clock.now();
  let authenticated: Authenticated;
  try {
    authenticated = await authenticate(context, request);
  } catch (error) {
    if (!isGcisError(error, 'ERR_UNAUTHENTICATED')) throw error; // a store outage is not the client's request to count
    await countRequest(context.rateCounter, addressKey(request.ip), context.config.rateLimit, now);
    throw error;
  }
  await countRequest(context.rateCounter, tokenKey(authenticated.tokenHash), context.config.sessionRateLimit, now);
  return authenticated;
}
