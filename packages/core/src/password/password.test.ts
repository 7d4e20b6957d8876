import { describe, expect, it } from 'vitest';
import { isGcisError } from '../errors.js';
import { hashPassword, verifyPassword } from './index.js';

const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('hashPassword', () => {
  it('makes an argon2id PHC string with the OWASP parameters by default', async () => {
    const phc = await hashPassword('correct horse battery');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('correct horse', cheap)).not.toBe(await hashPassword('correct horse', cheap));
  });

  it.each(['short', 'x'.repeat(257)])('refuses a password out of policy (%#)', async (password) => {
    const error = await hashPassword(password, cheap).catch((caught: unknown) => caught);
    expect(isGcisError(error, 'ERR_PASSWORD_POLICY')).toBe(true);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const phc = await hashPassword('correct horse', cheap);
    expect(await verifyPassword(phc, 'correct horse', cheap)).toEqual({ valid: true, needsRehash: false });
    expect(await verifyPassword(phc, 'correct horsE', cheap)).toMatchObject({ valid: false });
  });

  it('matches full-width input after NFKC normalisation', async () => {
    const phc = await hashPassword('Passw0rd!', cheap);
    expect((await verifyPassword(phc, 'Ｐａｓｓｗ０ｒｄ！', cheap)).valid).toBe(true);
  });

  it('asks for a rehash when the parameters changed', async () => {
    const phc = await hashPassword('correct horse', cheap);
    expect(await verifyPassword(phc, 'correct horse')).toEqual({ valid: true, needsRehash: true });
  });

  it('throws on a stored value that is not a PHC string', async () => {
    const error = await verifyPassword('plain', 'correct horse').catch((caught: unknown) => caught);
    expect(isGcisError(error, 'ERR_INVALID_INPUT')).toBe(true);
  });
});
