import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config.js';
import { testCaptchaAnswers } from './testCaptchaAnswers.js';

describe('testCaptchaAnswers', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'gcis-captcha-answers-')), 'answers');

  it('writes each answer to the named file (0600) on a test-mode data folder', () => {
    const path = file();
    const reveal = testCaptchaAnswers({ ...defaultConfig, mode: 'test' }, { GCIS_SERVER_TEST_CAPTCHA_ANSWERS: path });
    reveal!('id-1', 'K7MXAE');
    reveal!('id-2', 'H39NC');
    expect(readFileSync(path, 'utf8')).toBe('id-1 K7MXAE\nid-2 H39NC\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses to run on a production data folder with the variable set', () => {
    const env = { GCIS_SERVER_TEST_CAPTCHA_ANSWERS: file() };
    expect(() => testCaptchaAnswers(defaultConfig, env)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });

  it('reveals nothing without the variable, whatever the mode', () => {
    expect(testCaptchaAnswers({ ...defaultConfig, mode: 'test' }, {})).toBeUndefined();
    expect(testCaptchaAnswers(defaultConfig, {})).toBeUndefined();
  });
});
