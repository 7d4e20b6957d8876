import { describe, expect, it } from 'vitest';
import { asStoreError, isConnectionFailure } from './storeUnavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['a connection the server ended', new Error('Connection terminated unexpectedly')],
    ['a wait for a connection that timed out', new Error('timeout exceeded when trying to connect')],
    ['an administrator shutdown (57P01)', withCode('57P01')],
    ['a server starting up (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['every address of localhost refusing', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('counts %s', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
    expect(asStoreError(error)).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', cause: error });
  });

  it.each([
    ['a unique violation (23505)', withCode('23505')],
    ['a syntax error (42601)', withCode('42601')],
    ['a serialization failure (40001)', withCode('40001')],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['something not an error', 'ECONNREFUSED'],
  ])('leaves %s as it is', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
    expect(asStoreError(error)).toBe(error);
  });
});
