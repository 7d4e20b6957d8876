import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { defaultConnectionLimits, serverTimeoutOptions } from './connectionLimits.js';

const parse = (connections: unknown) => parseConfig({ connections }, 'config.json');
const codeOf = (connections: unknown) => {
  try {
    parse(connections);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('connections settings', () => {
  it('sets request, header, keep-alive and idle timeouts by default: a trickling body is cut within 26 s, nothing waits for ever', () => {
    const options = serverTimeoutOptions(parseConfig({}, 'config.json').connections);
    expect(options).toMatchObject({ requestTimeout: 25_000, connectionTimeout: 60_000, keepAliveTimeout: 5_000 });
    expect(options.http).toMatchObject({ requestTimeout: 25_000, headersTimeout: 10_000, connectionsCheckingInterval: 1000 });
  });

  it('takes values from config.json over the defaults', () => {
    expect(parse({ requestTimeoutSeconds: 2, headersTimeoutSeconds: 2, maxPerAddress: 3 })).toMatchObject({
      connections: { ...defaultConnectionLimits, requestTimeoutSeconds: 2, headersTimeoutSeconds: 2, maxPerAddress: 3 },
    });
  });

  it.each([
    ['no request timeout', { requestTimeoutSeconds: 0 }],
    ['a fractional timeout', { keepAliveTimeoutSeconds: 1.5 }],
    ['a timeout given as text', { requestTimeoutSeconds: '30' }],
    ['headers allowed longer than the whole request', { requestTimeoutSeconds: 5, headersTimeoutSeconds: 6 }],
    ['an idle limit that would cut push login long polls', { idleTimeoutSeconds: 20 }],
    ['no connection allowed at all', { maxPerAddress: 0 }],
    ['an unknown key', { bodyTimeoutSeconds: 3 }],
    ['a list instead of an object', [1, 2]],
  ])('refuses %s', (_name, connections) => {
    expect(codeOf(connections)).toBe('ERR_DATA_DIR');
  });
});
