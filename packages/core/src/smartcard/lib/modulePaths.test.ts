import { describe, expect, it } from 'vitest';
import { resolveModulePath } from './modulePaths.js';

const existing = (...paths: string[]) => (path: string) => paths.includes(path);

describe('resolveModulePath', () => {
  it('takes the given path over the environment', () => {
    const env = { GCIS_PKCS11_MODULE: '/b.so' };
    expect(resolveModulePath({ modulePath: '/a.so', env, exists: existing('/a.so', '/b.so') })).toEqual({ source: 'option', paths: ['/a.so'] });
    expect(resolveModulePath({ env, exists: existing('/a.so', '/b.so') })).toEqual({ source: 'GCIS_PKCS11_MODULE', paths: ['/b.so'] });
  });

  it('lists the installed ones to search, HiCOS first, then OpenSC, then SoftHSM2', () => {
    const exists = existing('/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/opensc-pkcs11.so', '/usr/lib/libHicos_p11.so');
    expect(resolveModulePath({ env: {}, exists })).toEqual({
      source: 'search',
      paths: ['/usr/lib/libHicos_p11.so', '/usr/lib/opensc-pkcs11.so', '/usr/lib/softhsm/libsofthsm2.so'],
    });
  });

  it('leaves a bare file name to the dynamic loader', () => {
    expect(resolveModulePath({ modulePath: 'libsofthsm2.so', env: {}, exists: existing() })).toEqual({ source: 'option', paths: ['libsofthsm2.so'] });
  });

  it('fails with ERR_PKCS11_MODULE when the module is missing or none is installed', () => {
    const missing = expect.objectContaining({ code: 'ERR_PKCS11_MODULE' });
    expect(() => resolveModulePath({ modulePath: '/gone.so', env: {}, exists: existing() })).toThrow(missing);
    expect(() => resolveModulePath({ env: {}, exists: existing() })).toThrow(missing);
  });
});
