import { verify } from '@node-rs/argon2';
import { GcisError } from '../errors.js';
import { defaultArgon2Params, type Argon2Params } from './hashPassword.js';

export type PasswordVerifyResult = { valid: boolean; needsRehash: boolean };

/**
 * Checks a password against a PHC string. `needsRehash` is true when the stored hash was made
 * with other parameters, so the caller can store a fresh hash after a successful login.
 * Out-of-policy input is simply not valid: it can never have been stored.
 */
export async function verifyPassword(
  phc: string,
  password: string,
  params: Argon2Params = defaultArgon2Params,
): Promise<PasswordVerifyResult> {
  const stored = parsePhcParams(phc);
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  const valid = length >= 1 && length <= 256 && (await verify(phc, normalized));
  const needsRehash =
    stored.algorithm !== 'argon2id' ||
    stored.memoryCost !== params.memoryCost ||
    stored.timeCost !== params.timeCost ||
    stored.parallelism !== params.parallelism;
  return { valid, needsRehash };
}

function parsePhcParams(phc: string): Argon2Params & { algorithm: string } {
  const match = /^\$(argon2(?:id|i|d))\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!match) throw new GcisError('ERR_INVALID_INPUT', 'The stored password hash is not an argon2 PHC string.');
  return {
    algorithm: match[1]!,
    memoryCost: Number(match[2]),
    timeCost: Number(match[3]),
    parallelism: Number(match[4]),
  };
}
