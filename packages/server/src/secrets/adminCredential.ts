import { createHash } from 'node:crypto';
import { GcisError, type Random } from '@gcis/core';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Store } from '../store/index.js';

/** `gcisadm_` keeps administrator tokens apart from session tokens, for people and secret scanners. */
const prefix = 'gcisadm_';
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates an administrator token; only its hash is stored, the token is shown once. */
export async function createAdminCredential(store: Store, random: Random, now: Date): Promise<string> {
  const token = prefix + Buffer.from(random.bytes(32)).toString('base64url');
  await store.adminCredentials.add(hashOf(token), now.toISOString());
  return token;
}

export async function requireAdmin(context: AppContext, request: FastifyRequest): Promise<void> {
  const token = /^Bearer (gcisadm_[A-Za-z0-9_-]{43})$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token || !await context.store.adminCredentials.has(hashOf(token))) {
    throw new GcisError('ERR_UNAUTHENTICATED', 'This route needs the administrator token.');
  }
}
