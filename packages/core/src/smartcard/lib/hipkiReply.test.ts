import { describe, expect, it } from 'vitest';
import { isGcisError } from '../../errors.js';
import { isPinError } from './pin.js';
import { readHipkiReply } from './hipkiReply.js';

const failure = (reply: string) => {
  try {
    readHipkiReply(reply);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};
const codeOf = (reply: string) => {
  const error = failure(reply);
  return isGcisError(error) ? error.code : error;
};

describe('readHipkiReply', () => {
  it('returns the reply when ret_code is 0', () => {
    expect(readHipkiReply('{"ret_code":0,"last_error":0,"signature":"AA=="}')).toMatchObject({ signature: 'AA==' });
  });

  it.each([
    ['no card (0x76000006)', '{"ret_code":1979711494}', 'ERR_NO_CARD'],
    ['no reader (0x76100003)', '{"ret_code":1980760067}', 'ERR_NO_CARD'],
    ['card library not loadable (0x76100001)', '{"ret_code":1980760065}', 'ERR_PKCS11_MODULE'],
    ['no PIN (0x76000998)', '{"ret_code":1979713944}', 'ERR_PIN_FORMAT'],
    ['user cancelled (0x76000999)', '{"ret_code":1979713945}', 'ERR_CANCELLED'],
    ['certificate not found (0x7610000C)', '{"ret_code":1980760076}', 'ERR_CARD_CERT_NOT_FOUND'],
    ['login failed, CKR_PIN_INCORRECT', '{"ret_code":1980760070,"last_error":160}', 'ERR_PIN_INCORRECT'],
    ['login failed, CKR_PIN_LEN_RANGE', '{"ret_code":1980760070,"last_error":162}', 'ERR_PIN_FORMAT'],
    ['login failed, CKR_PIN_LOCKED', '{"ret_code":1980760070,"last_error":164}', 'ERR_PIN_LOCKED'],
    ['login failed, other cause', '{"ret_code":1980760070,"last_error":6}', 'ERR_HIPKI'],
    ['forbidden page origin (0x7600000F) in ret_code', '{"ret_code":1979711503,"last_error":0}', 'ERR_HIPKI_ORIGIN'],
    ['forbidden page origin (0x7600000F) in last_error', '{"ret_code":1979711500,"last_error":1979711503}', 'ERR_HIPKI_ORIGIN'],
    ['an unknown code', '{"ret_code":1234}', 'ERR_HIPKI'],
    ['a reply that is not JSON', '<html>', 'ERR_HIPKI'],
  ])('maps %s', (_, reply, code) => {
    expect(codeOf(reply)).toBe(code);
  });

  it.each([
    ['signed 32-bit', '-2147483646', { countLow: true, finalTry: false }],
    ['unsigned 32-bit', '2147483649', { countLow: true, finalTry: true }],
    ['sign-extended 64-bit', '18446744071562067969', { countLow: true, finalTry: true }],
  ])('reads the HiCOS tries-left code printed %s', (_, lastError, status) => {
    const error = failure(`{"ret_code":1980760070,"last_error":${lastError}}`);
    expect(isGcisError(error, 'ERR_PIN_INCORRECT')).toBe(true);
    expect(isPinError(error) && error.pinStatus).toMatchObject({ ...status, locked: false });
  });

  it('reads a ret_code printed as a negative number', () => {
    // 0xE0000012 (user cancelled) as a signed 32-bit int
    expect(codeOf('{"ret_code":-536870894}')).toBe('ERR_CANCELLED');
  });
});
