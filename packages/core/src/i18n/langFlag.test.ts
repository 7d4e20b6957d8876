import { describe, expect, it } from 'vitest';
import { langFlag } from './langFlag.js';

describe('langFlag', () => {
  it('reads --lang VALUE and --lang=VALUE anywhere before --', () => {
    expect(langFlag(['--lang', 'zh-TW', 'login'])).toBe('zh-TW');
    expect(langFlag(['login', '--lang=zh_TW.UTF-8'])).toBe('zh_TW.UTF-8');
    expect(langFlag(['status'])).toBeUndefined();
  });

  it('leaves a command run by gcis exec alone', () => {
    expect(langFlag(['exec', '--', 'tool', '--lang', 'zh-TW'])).toBeUndefined();
  });

  it('takes the last one, as commander does', () => {
    expect(langFlag(['--lang', 'zh-TW', '--lang', 'en'])).toBe('en');
  });

  it('ignores a --lang with no value', () => {
    expect(langFlag(['status', '--lang'])).toBeUndefined();
  });
});
