import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl.js';

describe('redactUrl', () => {
  it.each([
    ['postgres://gcis:s3cr3t@db.example:5432/gcis', 'postgres://gcis:***@db.example:5432/gcis'],
    ['postgresql://gcis:p%40ss%2Fword@10.0.0.5/gcis?sslmode=require', 'postgresql://gcis:***@10.0.0.5/gcis?sslmode=require'],
    ['postgres://db.example/gcis?user=gcis&password=s3cr3t', 'postgres://db.example/gcis?user=gcis&password=***'],
    ['postgres://gcis@db.example/gcis', 'postgres://gcis@db.example/gcis'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('does not echo what does not parse, which may be the secret itself', () => {
    expect(redactUrl('s3cr3t-not-a-url')).not.toContain('s3cr3t');
  });
});
