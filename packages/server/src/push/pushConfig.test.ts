import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { defaultPushConfig } from './pushConfig.js';

const parse = (push: Record<string, unknown>) => parseConfig({ push }, 'config.json');
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('the push section of config.json', () => {
  it('is tolerant by default where the public sources are silent', () => {
    expect(defaultPushConfig).toMatchObject({ checksumIv: 'random', verifyHashedIdNum: false, requireCardProfile: false, productionTrust: true });
  });

  it('takes each switch in both positions', () => {
    for (const checksumIv of ['random', 'zero']) expect(parse({ checksumIv }).push.checksumIv).toBe(checksumIv);
    for (const value of [true, false]) {
      expect(parse({ verifyHashedIdNum: value, requireCardProfile: value, productionTrust: value }).push).toMatchObject({
        verifyHashedIdNum: value,
        requireCardProfile: value,
        productionTrust: value,
      });
    }
  });

  it.each([
    { checksumIv: 'ZERO' },
    { checksumIv: '' },
    { checksumIv: 0 },
    { verifyHashedIdNum: 'yes' },
    { requireCardProfile: 1 },
    { productionTrust: null },
    { checksumIV: 'zero' },
  ])('refuses %j with ERR_DATA_DIR', (push) => {
    expect(codeOf(() => parse(push))).toBe('ERR_DATA_DIR');
  });
});
