import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentSignature, createPkcs11Signer, type CardCertificate, type Signer } from './index.js';
import { createTestCard, type TestCard } from './testing/createTestCard.js';

const run = promisify(execFile);
const document = Buffer.from('營業登記申請書\r\nbinary \x00\xff bytes survive -binary\n');
const signingTime = new Date('2026-11-27T02:00:00Z');

let card: TestCard;
let signer: Signer;
let rsa: CardCertificate;
let ec: CardCertificate;
let dir: string;

beforeAll(async () => {
  card = await createTestCard();
  Object.assign(process.env, card.env);
  signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  const listed = await signer.listCertificates();
  rsa = listed.find((entry) => entry.keyId === '01')!;
  ec = listed.find((entry) => entry.keyId === '02')!;
  dir = await mkdtemp(join(tmpdir(), 'gcis-docsig-'));
});
afterAll(async () => {
  await signer?.close();
  await card?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function file(bytes: Uint8Array | string) {
  const path = join(dir, `f${fileCount++}`);
  await writeFile(path, bytes);
  return path;
}

/** `openssl cms -verify` with the test root as the only trust; resolves to the verified content. */
async function opensslVerify(signature: Uint8Array, root: string, content?: Uint8Array) {
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', await file(signature), '-CAfile', await file(root), '-purpose', 'any'];
  if (content) args.push('-content', await file(content));
  const { stdout } = await run('openssl', [...args, '-attime', String(signingTime.getTime() / 1000)], { encoding: 'buffer' });
  return stdout;
}

describe('buildDocumentSignature', () => {
  it.each(['rsa', 'ec'] as const)('makes a detached %s signature openssl verifies to the root through the carried chain', async (kind) => {
    const [certificate, pki] = kind === 'rsa' ? [rsa, card.rsa] : [ec, card.ec];
    const cms = await buildDocumentSignature({ signer, certificate, pin: card.pin, content: document, signingTime, chain: [pki.intermediate.der] });
    expect(Buffer.from(cms).includes(document)).toBe(false);
    expect(await opensslVerify(cms, pki.root.pem, document)).toEqual(document);
  });

  it('carries each certificate once, however often the chain names it', async () => {
    const { intermediate } = card.rsa;
    const cms = await buildDocumentSignature({ signer, certificate: rsa, pin: card.pin, content: document, signingTime, chain: [intermediate.der, rsa.certificate, intermediate.der] });
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', await file(cms)]);
    expect(stdout.match(/cert_info:/g)).toHaveLength(2);
  });

  it('makes an attached signature that carries the document', async () => {
    const cms = await buildDocumentSignature({ signer, certificate: rsa, pin: card.pin, content: document, signingTime, detached: false, chain: [card.rsa.intermediate.der] });
    expect(await opensslVerify(cms, card.rsa.root.pem)).toEqual(document);
  });

  it('is refused by openssl for a document differing by one byte', async () => {
    const cms = await buildDocumentSignature({ signer, certificate: rsa, pin: card.pin, content: document, signingTime, chain: [card.rsa.intermediate.der] });
    const changed = Buffer.from(document);
    changed[3]! ^= 1;
    await expect(opensslVerify(cms, card.rsa.root.pem, changed)).rejects.toThrow();
  });

  it('is refused by openssl without the chain, which the verifier then cannot build', async () => {
    const cms = await buildDocumentSignature({ signer, certificate: rsa, pin: card.pin, content: document, signingTime });
    await expect(opensslVerify(cms, card.rsa.root.pem, document)).rejects.toThrow();
  });

  it('signs the four attributes of RFC 5652 and RFC 5035, signing-certificate-v2 naming the signer', async () => {
    const cms = await buildDocumentSignature({ signer, certificate: rsa, pin: card.pin, content: document, signingTime });
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', await file(cms)]);
    for (const name of ['contentType', 'messageDigest', 'signingTime', 'id-smime-aa-signingCertificateV2']) expect(stdout).toContain(name);
  });
});
