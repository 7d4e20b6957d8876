import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from './config.js';

const codeOf = (raw: unknown) => {
  try {
    parseConfig(raw, 'config.json');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('parseConfig: throttle settings', () => {
  it('takes growing lock periods and counts, keeping the defaults for what is left out', () => {
    const config = parseConfig({ lockAfterFailures: 5, throttle: { lockSeconds: [30, 30, 600] } }, 'config.json');
    expect(config.lockAfterFailures).toBe(5);
    expect(config.throttle).toEqual({ ...defaultConfig.throttle, lockSeconds: [30, 30, 600] });
  });

  it.each([
    ['no lock periods', { throttle: { lockSeconds: [] } }],
    ['shrinking periods', { throttle: { lockSeconds: [300, 60] } }],
    ['a period of a week', { throttle: { lockSeconds: [60, 604_800] } }],
    ['a fraction of a second', { throttle: { lockSeconds: [0.5] } }],
    ['periods as an object', { throttle: { lockSeconds: { a: 60 } } }],
    ['a zero window', { throttle: { windowSeconds: 0 } }],
    ['a zero lock threshold', { lockAfterFailures: 0 }],
    ['a negative captcha threshold', { captchaAfterFailures: -1 }],
    ['an account cap below the per-source lock', { lockAfterFailures: 10, throttle: { accountLockAfterFailures: 5 } }],
    ['an unknown throttle key', { throttle: { banSeconds: 60 } }],
    ['a string for the throttle', { throttle: 'strict' }],
  ])('refuses %s with ERR_DATA_DIR', (_name, raw) => {
    expect(codeOf(raw)).toBe('ERR_DATA_DIR');
  });

  it('accepts the defaults it writes', () => {
    expect(codeOf(JSON.parse(JSON.stringify(defaultConfig)))).toBe('ok');
  });
});

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

describe('parseConfig: rate limits and session limits', () => {
  it('takes a per-token limit for session checks and keeps the per-address default', () => {
    const config = parseConfig({ sessionRateLimit: { max: 5000 } }, 'config.json');
    expect(config.sessionRateLimit).toEqual({ max: 5000, windowSeconds: 60 });
    expect(config.rateLimit).toEqual({ max: 120, windowSeconds: 60 });
  });

  it.each([
    ['a zero per-address limit', { rateLimit: { max: 0 } }],
    ['a fractional per-token limit', { sessionRateLimit: { max: 10.5 } }],
    ['a per-token limit as text', { sessionRateLimit: { max: '600' } }],
    ['a negative window', { sessionRateLimit: { windowSeconds: -60 } }],
    ['a window over a day', { rateLimit: { windowSeconds: 86_401 } }],
    ['an unknown limit key', { sessionRateLimit: { burst: 10 } }],
    ['a number for the limit', { sessionRateLimit: 600 }],
    ['a zero idle limit', { session: { idleSeconds: 0 } }],
    ['an idle limit beyond the absolute one', { session: { absoluteSeconds: 600, idleSeconds: 1800 } }],
    ['an unknown session key', { session: { touchSeconds: 15 } }],
  ])('refuses %s with ERR_DATA_DIR', (_name, raw) => {
    expect(codeOf(raw)).toBe('ERR_DATA_DIR');
  });
});

describe('parseConfig: trustProxy', () => {
  it('is off by default and takes addresses, CIDR ranges and the named ranges', () => {
    expect(parseConfig({}, 'config.json').trustProxy).toBe(false);
    const list = ['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1', 'loopback', '10.0.0.5'];
    expect(parseConfig({ trustProxy: list }, 'config.json').trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1', 'loopback']);
  });

  it.each([
    ['true (anyone could name any address)', true],
    ['an empty list', []],
    ['a bare string', '10.0.0.5'],
    ['a host name', ['proxy.internal']],
    ['a prefix past 32 bits', ['10.0.0.0/33']],
    ['a prefix past 128 bits', ['fd00::/129']],
    ['a netmask', ['10.0.0.0/255.0.0.0']],
    ['two slashes', ['10.0.0.0/8/8']],
    ['a number', [10]],
    ['a hop count', 2],
  ])('refuses %s with ERR_DATA_DIR', (_name, trustProxy) => {
    expect(codeOf({ trustProxy })).toBe('ERR_DATA_DIR');
  });
});

describe('config.json database.url', () => {
  it('defaults to the folder\'s gcis.db and keeps a PostgreSQL URL it is given', () => {
    expect(parseConfig({}, 'config.json').database.url).toBe('');
    const url = 'postgres://gcis:secret@db.example:5432/gcis?sslmode=verify-full';
    expect(parseConfig({ database: { url } }, 'config.json').database.url).toBe(url);
    expect(codeOf({ database: { url: 'postgresql:///gcis?host=/var/run/postgresql' } })).toBe('ok');
  });

  it.each([
    ['a SQLite file (that is the folder\'s gcis.db, or --database)', { database: { url: './gcis.db' } }],
    ['another database', { database: { url: 'mysql://db.example/gcis' } }],
    ['no host', { database: { url: 'postgres:///gcis' } }],
    ['no database name', { database: { url: 'postgres://db.example' } }],
    ['a space', { database: { url: 'postgres://db.example/gcis x' } }],
    ['a number', { database: { url: 5432 } }],
    ['an unknown key', { database: { url: '', pool: 10 } }],
    ['a string for the section', { database: 'postgres://db.example/gcis' }],
  ])('refuses %s with ERR_DATA_DIR', (_name, raw) => {
    expect(codeOf(raw)).toBe('ERR_DATA_DIR');
  });
});
