import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentSignature } from '@gcis/core/smartcard';
import { createKeySigner } from '@gcis/core/smartcard/testing';
import { encodePem } from '@gcis/core/x509';
import { buildTestPki, generateTestPkiKeys } from '@gcis/core/x509/testing';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, tempDir } from '../testing/fakeDeps.js';
import { verify } from './verify.js';

const now = '2026-11-27T02:00:10Z';
const pki = buildTestPki({ now: new Date(now), keys: generateTestPkiKeys('ec') });
const document = Buffer.from('申請書');
let signature: Uint8Array;

beforeAll(async () => {
  const card = createKeySigner(pki.leaf);
  signature = await buildDocumentSignature({ signer: card, certificate: card.certificate, pin: '123456', content: document, signingTime: new Date(now), chain: [pki.intermediate.der] });
});

async function files() {
  const dir = await tempDir();
  const write = (name: string, data: Uint8Array | string) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };
  return {
    der: write('doc.p7s', signature),
    pkcs7Pem: write('doc.pem', encodePem(signature, 'PKCS7')),
    content: write('doc.txt', document),
    other: write('other.txt', 'another document'),
    root: write('root.pem', pki.root.pem),
    crls: pki.crls.map((crl, index) => write(`ca${index}.crl`, crl)),
  };
}

describe('gcis verify', () => {
  it('prints the signer and exits 0 for a valid signature, PEM labelled PKCS7 included', async () => {
    const paths = await files();
    for (const file of [paths.der, paths.pkcs7Pem]) {
      const { deps, stdout } = await fakeDeps({ now });
      expect(await verify({ file, content: paths.content, ca: [paths.root], crl: paths.crls, json: true }, deps)).toBe(0);
      expect(JSON.parse(stdout())).toMatchObject({ valid: true, signer: { name: pki.identity.name, idLast4: pki.identity.idLast4 }, signingTime: new Date(now).toISOString() });
    }
  });

  it('returns 4 with the code in --json, and throws the code without it', async () => {
    const paths = await files();
    const { deps, stdout } = await fakeDeps({ now });
    expect(await verify({ file: paths.der, content: paths.other, ca: [paths.root], crl: paths.crls, json: true }, deps)).toBe(4);
    expect(JSON.parse(stdout())).toMatchObject({ valid: false, code: 'ERR_SIGNATURE_INVALID' });
    expect(await errorCodeOf(verify({ file: paths.der, content: paths.other, ca: [paths.root], crl: paths.crls }, deps))).toBe('ERR_SIGNATURE_INVALID');
  });

  it('is judged at the clock’s time: a certificate expired by then is refused', async () => {
    const paths = await files();
    const { deps } = await fakeDeps({ now: '2040-01-01T00:00:00Z' });
    expect(await errorCodeOf(verify({ file: paths.der, content: paths.content, ca: [paths.root], revocation: 'skip' }, deps))).toBe('ERR_CERT_EXPIRED');
  });

  it('needs a trusted root, and readable files', async () => {
    const paths = await files();
    const { deps } = await fakeDeps({ now });
    expect(await errorCodeOf(verify({ file: paths.der, content: paths.content }, deps))).toBe('ERR_USAGE');
    expect(await errorCodeOf(verify({ file: '/nonexistent.p7s', ca: [paths.root] }, deps))).toBe('ERR_USAGE');
    expect(await errorCodeOf(verify({ file: paths.content, ca: [paths.root] }, deps))).toBe('ERR_INVALID_INPUT');
  });
});
