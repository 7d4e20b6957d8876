import { describe, expect, it } from 'vitest';
import { hasPassword, isPostgresUrl, stripPassword } from './databaseUrl.js';

describe('database URLs', () => {
  it('names PostgreSQL by either scheme, in any case, and anything else a SQLite file', () => {
    expect(['postgres://h/d', 'postgresql://h/d', 'PostgreSQL://h/d'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['gcis.db', './postgres://x', 'postgres:/h/d', 'mysql://h/d'].map(isPostgresUrl)).toEqual([false, false, false, false]);
  });

  it.each([
    'postgres://gcis:s3cr%40t@db.example:5432/gcis',
    'postgres://gcis@db.example/gcis?password=s3cr%40t&sslmode=require',
    'postgres://gcis:s3cr%40t@[db/gcis',
  ])('finds the password of %s', (url) => {
    expect(hasPassword(url)).toBe(true);
  });

  it.each([
    ['postgres://gcis:s3cr%40t@db.example:5432/gcis', 'postgres://gcis@db.example:5432/gcis'],
    ['postgres://gcis@db.example/gcis?sslmode=require&PassWord=s3cr%40t', 'postgres://gcis@db.example/gcis?sslmode=require'],
  ])('records %s as %s, without its password', (url, recorded) => {
    expect(stripPassword(url)).toBe(recorded);
    expect(hasPassword(stripPassword(url))).toBe(false);
  });

  it('leaves a URL without a password as it is', () => {
    const url = 'postgres://gcis@db.example:5432/gcis?sslmode=require';
    expect(hasPassword(url)).toBe(false);
    expect(stripPassword(url)).toBe(url);
  });
});
