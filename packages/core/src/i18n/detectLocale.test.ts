import { describe, expect, it } from 'vitest';
import { detectLocale, parseLocale } from './detectLocale.js';

describe('parseLocale', () => {
  it.each(['zh_TW.UTF-8', 'zh_TW', 'zh-TW', 'zh-Hant', 'zh_Hant_TW', 'zh-Hant-TW', 'ZH_tw.utf8', 'zh_HK.UTF-8', 'zh_TW.UTF-8@euro'])(
    'reads %s as Traditional Chinese',
    (name) => expect(parseLocale(name)).toBe('zh-TW'),
  );
  it.each(['C', 'POSIX', 'C.UTF-8', 'en_US.UTF-8', 'zh_CN.UTF-8', 'zh-Hans', 'zh', 'zh_SG', 'de_DE', 'zhx_TW', ''])(
    'reads %s as English',
    (name) => expect(parseLocale(name)).toBe('en'),
  );
});

describe('detectLocale', () => {
  it('speaks English when nothing is set', () => {
    expect(detectLocale({})).toBe('en');
  });

  it('follows LC_ALL over LC_MESSAGES over LANG', () => {
    expect(detectLocale({ LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(detectLocale({ LANG: 'zh_TW.UTF-8', LC_MESSAGES: 'C' })).toBe('en');
    expect(detectLocale({ LANG: 'C', LC_MESSAGES: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(detectLocale({ LANG: 'zh_TW.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(detectLocale({ LANG: 'C', LC_MESSAGES: 'C', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh-TW');
  });

  it('skips empty variables, as POSIX does', () => {
    expect(detectLocale({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(detectLocale({ GCIS_LANG: '', LC_ALL: 'zh-Hant' })).toBe('zh-TW');
  });

  it('lets GCIS_LANG win over the POSIX variables', () => {
    expect(detectLocale({ GCIS_LANG: 'zh-TW', LC_ALL: 'C' })).toBe('zh-TW');
    expect(detectLocale({ GCIS_LANG: 'en', LC_ALL: 'zh_TW.UTF-8' })).toBe('en');
  });

  it('lets an explicit choice (--lang) win over everything', () => {
    expect(detectLocale({ GCIS_LANG: 'en', LC_ALL: 'C' }, 'zh-TW')).toBe('zh-TW');
    expect(detectLocale({ GCIS_LANG: 'zh-TW' }, 'en')).toBe('en');
  });
});
