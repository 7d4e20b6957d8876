import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLoginSignature, createHipkiSigner, createPkcs11Signer, loginAttributeOids, signedLoginContent } from './index.js';
import type { CardCertificate, Signer } from './index.js';
import { createTestCard, type TestCard } from './testing/createTestCard.js';
import { startHipkiStandIn, type HipkiStandIn } from './testing/startHipkiStandIn.js';

const run = promisify(execFile);
const content = signedLoginContent({ challenge: 'q1w2e3', origin: 'https://gcis.example', issuedAt: '2025-03-01T02:03:04.000Z' });
const nonce = Buffer.from('a1b2c3d4e5f60718', 'hex');
const signingTime = new Date('2025-03-01T02:03:05Z');

let card: TestCard;
let signer: Signer;
let certificates: CardCertificate[];
let workDir: string;

beforeAll(async () => {
  card = await createTestCard();
  Object.assign(process.env, card.env);
  signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  certificates = await signer.listCertificates();
  workDir = await mkdtemp(join(tmpdir(), 'gcis-cms-'));
});
afterAll(async () => {
  await signer?.close();
  await card?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** `openssl cms -verify` of the signature alone (-noverify: no certificate path); the encapsulated content on success. */
async function opensslVerify(der: Uint8Array): Promise<string> {
  const file = join(workDir, `${Math.random().toString(36).slice(2)}.der`);
  await writeFile(file, der);
  const { stdout } = await run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-noverify']);
  return stdout;
}

/** The same SignedData as OpenSSL encodes it (DER): equal bytes mean ours was DER already. */
async function opensslReencode(der: Uint8Array): Promise<Buffer> {
  const file = join(workDir, `${Math.random().toString(36).slice(2)}.der`);
  await writeFile(file, der);
  const { stdout } = await run('openssl', ['cms', '-cmsout', '-inform', 'DER', '-in', file, '-outform', 'DER'], { encoding: 'buffer' });
  return stdout;
}

function parse(der: Uint8Array) {
  const signedData = new SignedData({ schema: ContentInfo.fromBER(der).content });
  const attributes = signedData.signerInfos[0]?.signedAttrs?.attributes ?? [];
  const value = (type: string) => attributes.find((attribute) => attribute.type === type)?.values[0];
  return { signedData, types: attributes.map((attribute) => attribute.type), value };
}

describe('buildLoginSignature', () => {
  it.each(['RSA', 'EC'] as const)('builds a SignedData with a %s card that openssl and pkijs verify', async (keyType) => {
    const certificate = certificates.find((candidate) => candidate.keyType === keyType)!;
    const cardSerial = certificate.tokenSerial;
    const der = await buildLoginSignature({ signer, certificate, pin: card.pin, content, nonce, signingTime, cardSerial });
    expect(await opensslVerify(der)).toBe(Buffer.from(content).toString('utf8'));
    expect((await opensslReencode(der)).equals(Buffer.from(der))).toBe(true);
    const { signedData, types, value } = parse(der);
    expect(await signedData.verify({ signer: 0, checkChain: false })).toBe(true);
    expect(signedData.certificates).toHaveLength(1);
    expect(signedData.signerInfos).toHaveLength(1);
    expect(types.sort()).toEqual(Object.values(loginAttributeOids).sort());
    expect((value(loginAttributeOids.signingTime) as asn1js.UTCTime).toDate()).toEqual(signingTime);
    expect(Buffer.from((value(loginAttributeOids.randomNonce) as asn1js.OctetString).valueBlock.valueHexView)).toEqual(nonce);
    expect(value(loginAttributeOids.cardSerial)).toBeInstanceOf(asn1js.PrintableString);
    expect((value(loginAttributeOids.cardSerial) as asn1js.PrintableString).valueBlock.value).toBe(card.tokenSerial);
  });

  it('leaves the card serial out when none is given, and keeps the attributes in DER order', async () => {
    const certificate = certificates.find((candidate) => candidate.keyType === 'RSA')!;
    const der = await buildLoginSignature({ signer, certificate, pin: card.pin, content, nonce, signingTime });
    const { types } = parse(der);
    expect(types).toHaveLength(4);
    expect(types).not.toContain(loginAttributeOids.cardSerial);
    expect(await opensslVerify(der)).toBe(Buffer.from(content).toString('utf8'));
    const encoded = parse(der).signedData.signerInfos[0]!.signedAttrs!.attributes.map((a) => Buffer.from(a.toSchema().toBER()));
    expect([...encoded].sort(Buffer.compare)).toEqual(encoded);
  });

  it('does not verify once the content is changed', async () => {
    const certificate = certificates.find((candidate) => candidate.keyType === 'RSA')!;
    const der = Buffer.from(await buildLoginSignature({ signer, certificate, pin: card.pin, content, nonce, signingTime }));
    const at = der.indexOf(Buffer.from('q1w2e3'));
    der[at] = 'Q'.charCodeAt(0);
    await expect(opensslVerify(der)).rejects.toThrow();
  });

  it('works with the HiPKI signer too, sending the binary signed attributes as base64', async () => {
    let standIn: HipkiStandIn | undefined;
    try {
      const { der: certificateDer, privateKey } = card.rsa.leaf;
      standIn = await startHipkiStandIn({ certificateDer, privateKey, pin: '123456', cardSerial: 'TP03000012345678' });
      const hipki = createHipkiSigner({ baseUrl: standIn.baseUrl, tbsEncoding: 'base64' });
      const [certificate] = (await hipki.listCertificates()) as [CardCertificate];
      const cardSerial = certificate.tokenSerial;
      const der = await buildLoginSignature({ signer: hipki, certificate, pin: '123456', content, nonce, signingTime, cardSerial });
      expect(await opensslVerify(der)).toBe(Buffer.from(content).toString('utf8'));
    } finally {
      await standIn?.close();
    }
  });

  it('refuses a nonce shorter than 4 bytes before asking for a signature', async () => {
    const certificate = certificates[0]!;
    const shortNonce = new Uint8Array(3);
    const building = buildLoginSignature({ signer, certificate, pin: card.pin, content, nonce: shortNonce, signingTime });
    await expect(building).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});

describe('signedLoginContent', () => {
  it('writes challenge, origin and issuedAt in that order, as UTF-8 JSON', () => {
    const issuedAt = new Date('2025-03-01T02:03:04Z');
    const bytes = signedLoginContent({ issuedAt, origin: 'https://gcis.example', challenge: '挑戰' });
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"challenge":"挑戰","origin":"https://gcis.example","issuedAt":"2025-03-01T02:03:04.000Z"}',
    );
  });
});
