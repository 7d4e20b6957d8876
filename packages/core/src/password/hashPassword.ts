import { hash } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2, which ships it as a const enum. */
const argon2id = 2;
import { normalizePassword } from './policy.js';

/** OWASP Password Storage Cheat Sheet, argon2id option 2: m=19 MiB, t=2, p=1. */
export const defaultArgon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

/** Hashes a password with argon2id into a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPassword(password: string, params: Argon2Params = defaultArgon2Params): Promise<string> {
  return hash(normalizePassword(password), { algorithm: argon2id, ...params });
}
