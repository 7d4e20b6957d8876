import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcisError } from '../errors.js';
import { createPkcs11Signer } from './createPkcs11Signer.js';
import { createTestCard, type TestCard } from './testing/createTestCard.js';
import { createSoftHsm, type SoftHsm } from './testing/softhsmToken.js';

// The reported bug: with OpenSC (an empty reader) and SoftHSM2 (the token) both installed, the
// search took OpenSC because it comes first in the list, and said "No card found".
const openSc = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

/** SoftHSM reads SOFTHSM2_CONF from process.env at each C_Initialize. */
const use = (softHsm: SoftHsm) => Object.assign(process.env, softHsm.env);

async function failureOf(pending: Promise<unknown>): Promise<GcisError> {
  const error = await pending.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(GcisError);
  return error as GcisError;
}

describe('the PKCS#11 module search, with OpenSC and SoftHSM2 both installed', () => {
  let card: TestCard;
  let empty: SoftHsm;
  beforeAll(async () => {
    expect(existsSync(openSc)).toBe(true); // scripts/test.sh installs opensc and softhsm2
    [card, empty] = await Promise.all([createTestCard(), createSoftHsm()]);
  });
  afterAll(async () => {
    await card?.destroy();
    await empty?.destroy();
  });

  it('takes the module that has a card present, not the first one installed', async () => {
    use(card);
    const signer = await createPkcs11Signer({ env: {} });
    try {
      const listed = await signer.listCertificates();
      expect(listed.map((certificate) => certificate.tokenSerial)).toContain(card.tokenSerial);
    } finally {
      await signer.close();
    }
  });

  it('without a card anywhere, says ERR_NO_CARD naming every module searched and what each saw', async () => {
    use(empty);
    const signer = await createPkcs11Signer({ env: {}, optionName: '--pkcs11-module' });
    try {
      const error = await failureOf(signer.listCertificates());
      expect(error.code).toBe('ERR_NO_CARD');
      expect((error.cause as GcisError).code).toBe('ERR_NO_CARD');
      expect(error.message).toContain(`${openSc}: 0 cards`);
      expect(error.message).toContain(card.modulePath);
      expect(error.message).toContain('--pkcs11-module');
    } finally {
      await signer.close();
    }
  });

  it('names the module given and that it came from the option', async () => {
    use(card);
    const signer = await createPkcs11Signer({ modulePath: openSc, env: {}, optionName: '--pkcs11-module' });
    try {
      const error = await failureOf(signer.listCertificates());
      expect(error.code).toBe('ERR_NO_CARD');
      expect(error.message).toContain(`${openSc} (from --pkcs11-module)`);
    } finally {
      await signer.close();
    }
  });

  it('names the module from GCIS_PKCS11_MODULE', async () => {
    use(card);
    const signer = await createPkcs11Signer({ env: { GCIS_PKCS11_MODULE: openSc } });
    try {
      expect((await failureOf(signer.listCertificates())).message).toContain(`${openSc} (from GCIS_PKCS11_MODULE)`);
    } finally {
      await signer.close();
    }
  });

  it('refuses a module path that does not exist, naming where it came from', async () => {
    const error = await failureOf(createPkcs11Signer({ env: { GCIS_PKCS11_MODULE: '/nowhere/libnothing.so' } }));
    expect(error.code).toBe('ERR_PKCS11_MODULE');
    expect(error.message).toContain('GCIS_PKCS11_MODULE');
  });
});
