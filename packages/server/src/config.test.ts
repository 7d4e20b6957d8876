import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from './config.js';

describe('parseConfig: certificatePolicies', () => {
  it('is empty by default: no policy is required', () => {
    expect(defaultConfig.certificatePolicies).toEqual([]);
    expect(parseConfig({}, 'config.json').certificatePolicies).toEqual([]);
  });

  it('reads a list of policy OIDs, each once', () => {
    const config = parseConfig({ certificatePolicies: ['2.16.886.101.0.3.3', '2.16.886.101.0.3.3', '1.2.3'] }, 'config.json');
    expect(config.certificatePolicies).toEqual(['2.16.886.101.0.3.3', '1.2.3']);
  });

  it.each([
    ['a string', '2.16.886.101.0.3.3'],
    ['an object', { oid: '1.2.3' }],
    ['a name instead of an OID', ['MOICA']],
    ['an OID with a leading zero arc', ['1.02.3']],
  ])('refuses %s with ERR_DATA_DIR', (_, value) => {
    expect(() => parseConfig({ certificatePolicies: value }, 'config.json')).toThrow(expect.objectContaining({ code: 'ERR_DATA_DIR' }));
  });
});
