import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';

const codeOf = (raw: unknown) => {
  try {
    parseConfig(raw, 'config.json');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

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
