import { describe, expect, it } from 'vitest';
import { resolveModulePath } from './modulePaths.js';

const existing = (...paths: string[]) => (path: string) => paths.includes(path);

describe('resolveModulePath', () => {
  it('takes the given path over the environment', () => {
    const env = { GCIS_PKCS11_MODULE: '/b.so' };
    expect(resolveModulePath({ modulePath: '/a.so', env, exists: existing('/a.so', '/b.so') })).toBe('/a.so');
    expect(resolveModulePath({ env, exists: existing('/a.so', '/b.so') })).toBe('/b.so');
  });

  it('prefers HiCOS, then OpenSC, then SoftHSM2', () => {
    const exists = existing('/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/opensc-pkcs11.so', '/usr/lib/libHicos_p11.so');
    expect(resolveModulePath({ env: {}, exists })).toBe('/usr/lib/libHicos_p11.so');
    expect(resolveModulePath({ env: {}, exists: existing('/usr/lib/softhsm/libsofthsm2.so') })).toBe('/usr/lib/softhsm/libsofthsm2.so');
  });

  it('leaves a bare file name to the dynamic loader', () => {
    expect(resolveModulePath({ modulePath: 'libsofthsm2.so', env: {}, exists: existing() })).toBe('libsofthsm2.so');
  });

  it('fails with ERR_PKCS11_MODULE when the module is missing or none is installed', () => {
    const missing = expect.objectContaining({ code: 'ERR_PKCS11_MODULE' });
    expect(() => resolveModulePath({ modulePath: '/gone.so', env: {}, exists: existing() })).toThrow(missing);
    expect(() => resolveModulePath({ env: {}, exists: existing() })).toThrow(missing);
  });
});
