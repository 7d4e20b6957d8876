import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { chooseDatabase } from './chooseDatabase.js';

const folderDatabase = '/srv/gcis/gcis.db';
const choose = (flag: string | undefined, env: Record<string, string>, configUrl = '') => chooseDatabase({ flag, env, configUrl, folderDatabase }, en.err);

describe('chooseDatabase', () => {
  const envUrl = 'postgres://gcis:env-secret@db.example/gcis';
  const configUrl = 'postgres://gcis:config-secret@db.example/gcis';

  it('takes the flag over the environment over config.json over the folder', () => {
    expect(choose('postgres://gcis@flag.example/gcis', { GCIS_SERVER_DATABASE_URL: envUrl }, configUrl)).toEqual({ database: 'postgres://gcis@flag.example/gcis', from: 'flag' });
    expect(choose(undefined, { GCIS_SERVER_DATABASE_URL: envUrl }, configUrl)).toEqual({ database: envUrl, from: 'env' });
    expect(choose(undefined, {}, configUrl)).toEqual({ database: configUrl, from: 'config' });
    expect(choose(undefined, {})).toEqual({ database: folderDatabase, from: 'folder' });
  });

  it('treats an empty flag or variable as not given', () => {
    expect(choose('', { GCIS_SERVER_DATABASE_URL: '' }, configUrl).from).toBe('config');
  });

  it('makes a SQLite file given on the command line or in the environment absolute', () => {
    expect(choose('other.db', {}).database).toBe(`${process.cwd()}/other.db`);
    expect(choose(undefined, { GCIS_SERVER_DATABASE_URL: './env.db' }).database).toBe(`${process.cwd()}/env.db`);
  });

  it.each([
    ['in the user info', 'postgres://gcis:hunter2@db.example/gcis'],
    ['as an empty-user password', 'postgresql://:hunter2@db.example/gcis'],
    ['as a parameter', 'postgres://gcis@db.example/gcis?sslmode=require&password=hunter2'],
    ['as a parameter in capitals', 'POSTGRES://gcis@db.example/gcis?PASSWORD=hunter2'],
    ['in a URL that does not parse', 'postgres://gcis:hunter2@[db/gcis'],
  ])('refuses a password on the command line %s (ERR_USAGE), without repeating it', (_where, flag) => {
    expect(() => choose(flag, {})).toThrow(expect.objectContaining({ code: 'ERR_USAGE', message: expect.not.stringContaining('hunter2') }));
  });

  it('takes a password from the environment and config.json, where ps cannot see it', () => {
    expect(choose(undefined, { GCIS_SERVER_DATABASE_URL: envUrl }).database).toBe(envUrl);
    expect(choose(undefined, {}, configUrl).database).toBe(configUrl);
  });

  it('lets a SQLite file name contain a colon and an at sign', () => {
    expect(choose('backup:2026@noon.db', {}).from).toBe('flag');
  });
});
