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
