import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestPki, type TestPki } from './testing/index.js';
import { parseCertificate, parseMoicaIdentity } from './index.js';

const now = new Date('2025-06-01T00:00:00Z');
let pki: TestPki;

beforeAll(() => {
  pki = buildTestPki({ now, keyType: 'ec' });
});

describe('parseMoicaIdentity', () => {
  it('reads name, subject serialNumber and the ID last 4 digits of a citizen certificate', () => {
    const leaf = parseCertificate(pki.leaf.der);
    expect(parseMoicaIdentity(pki.leaf.der)).toEqual({
      name: '王小明',
      serialNumber: '0000000012345678',
      idLast4: '6789',
      issuer: leaf.issuer,
      serialHex: leaf.serialHex,
      thumbprintSha256: leaf.thumbprintSha256,
    });
  });

  it('accepts a parsed certificate and other identities', () => {
    const other = buildTestPki({ now, keyType: 'ec', identity: { name: '陳大文', serialNumber: 'A000000098765432', idLast4: '0001' } });
    expect(parseMoicaIdentity(parseCertificate(other.leaf.der))).toMatchObject({ name: '陳大文', serialNumber: 'A000000098765432', idLast4: '0001' });
  });

  it('throws ERR_INVALID_INPUT for a certificate outside the MOICA profile', () => {
    expect(() => parseMoicaIdentity(pki.intermediate.der)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });

  it('throws ERR_INVALID_INPUT when the ID attribute is not 4 digits', () => {
    const odd = buildTestPki({ now, keyType: 'ec', identity: { idLast4: '12a4' } });
    expect(() => parseMoicaIdentity(odd.leaf.der)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});
