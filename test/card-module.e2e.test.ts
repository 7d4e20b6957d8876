import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { makeTestCard, type TestCardFolder } from './support/testCard.js';

const openSc = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

// The reported bug: OpenSC (no reader) and SoftHSM2 (the card) both installed, and `gcis card list`
// said "No card found" after picking OpenSC, without naming it.
describe('gcis card list picks the PKCS#11 module that has the card', () => {
  let card: TestCardFolder;
  beforeAll(async () => {
    card = await makeTestCard('valid');
  }, 120_000);
  afterAll(() => {
    if (card) rmSync(dirname(card.folder), { recursive: true, force: true });
  });
  const user = () => cliUser('http://127.0.0.1:9', { SOFTHSM2_CONF: card.env.SOFTHSM2_CONF });

  it('finds the SoftHSM2 card by searching, past an OpenSC module with no card', async () => {
    const listed = await user().run(['card', 'list', '--json']);
    expect(listed.exitCode).toBe(0);
    expect(JSON.parse(listed.stdout).map((entry: { tokenSerial: string }) => entry.tokenSerial)).toContain(card.tokenSerial);
  });

  it('names the module and --pkcs11-module when the module given sees no card', async () => {
    const result = await user().run(['card', 'list', '--pkcs11-module', openSc]);
    expect(result.exitCode).not.toBe(0);
    expect(errorCode(result)).toBe('ERR_NO_CARD');
    expect(result.stderr).toContain(`${openSc} (from --pkcs11-module)`);
  });
});
