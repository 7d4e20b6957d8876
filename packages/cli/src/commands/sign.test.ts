import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyDocumentSignature } from '@gcis/core/x509';
import { buildTestPki, generateTestPkiKeys } from '@gcis/core/x509/testing';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { cardCertificate, fakeCard } from '../testing/fakeCard.js';
import { fakeDeps, tempDir } from '../testing/fakeDeps.js';
import { sign, type SignOptions } from './sign.js';

const now = '2026-11-27T02:00:10Z';
const pki = buildTestPki({ now: new Date(now), keys: generateTestPkiKeys('ec') });

async function setup(answers: string[] = ['123456']) {
  const card = fakeCard([{ listed: cardCertificate(pki), pki }]);
  const fake = await fakeDeps({ now, tty: true, openSigner: card.openSigner, answers: { pin: [...answers] } });
  const dir = await tempDir();
  const files = ['a.txt', 'b.txt', 'c.txt'].map((name) => {
    const file = join(dir, name);
    writeFileSync(file, `document ${name}`);
    return file;
  });
  const run = (options: Partial<SignOptions> = {}) => sign({ files, ...options }, fake.deps);
  return { ...fake, card, files, run };
}

describe('gcis sign', () => {
  it('asks the PIN once for many files and writes a signature beside each, signed at the clock’s time', async () => {
    const { run, files, asked, card, stdout } = await setup();
    await run({ chain: [] });
    expect(asked.filter((question) => question.kind === 'pin')).toHaveLength(1);
    expect(card.signs).toHaveLength(3);
    expect(stdout()).toBe(files.map((file) => `${file}.p7s\n`).join(''));
    for (const file of files) {
      const result = verifyDocumentSignature(readFileSync(`${file}.p7s`), { content: readFileSync(file), at: new Date(now), trustAnchors: pki.trustAnchors, intermediates: pki.intermediates, crls: pki.crls, revocation: 'require' });
      expect(result).toMatchObject({ ok: true, signingTime: new Date(now) });
    }
  });

  it('stops at the first wrong PIN, tried once, and writes nothing', async () => {
    const { run, files, card } = await setup(['654321']);
    expect(await errorCodeOf(run())).toBe('ERR_PIN_INCORRECT');
    expect(card.signs).toHaveLength(1);
    expect(files.some((file) => existsSync(`${file}.p7s`))).toBe(false);
  });

  it.each([
    ['--attached with --detached', { attached: true, detached: true }, 'ERR_USAGE'],
    ['--out with several files', { out: 'x.p7s' }, 'ERR_USAGE'],
    ['--out - with --json', { out: '-', json: true, files: ['only-one'] }, 'ERR_USAGE'],
    ['a file that cannot be read', { files: ['/nonexistent/file'] }, 'ERR_USAGE'],
    ['a --chain file that is no certificate', { chain: ['NOT-A-CERTIFICATE'] }, 'ERR_INVALID_INPUT'],
  ])('refuses %s before the card or the PIN is touched', async (_, options, code) => {
    const { run, asked, card, files } = await setup();
    const chain = (options as { chain?: string[] }).chain?.map(() => {
      writeFileSync(`${files[0]}.junk`, 'hello, not PEM');
      return `${files[0]}.junk`;
    });
    expect(await errorCodeOf(run({ ...(options as Partial<SignOptions>), ...(chain && { chain }) }))).toBe(code);
    expect(asked).toEqual([]);
    expect(card.opened).toEqual([]);
  });
});
