import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { zhTW } from './zhTW.js';

type Leaf = { path: string; value: unknown };

/** Every message of a catalogue with its dotted path; functions are called with sample values. */
function leaves(node: unknown, path = ''): Leaf[] {
  if (node === undefined) return [];
  if (typeof node === 'string' || typeof node === 'function') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  return Object.entries(node as object).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

/** Messages are called with sample values; error words take the error, as localizeError gives it. */
const render = (value: unknown, path = ''): string => {
  if (typeof value !== 'function') return String(value);
  const call = value as (...args: unknown[]) => unknown;
  return String(path.startsWith('errors') ? call({ message: 'connect to http://127.0.0.1:9 failed (ECONNREFUSED)', retryAfterSeconds: 30 }) : call('A', 'B', 'C', 'D', 'E'));
};

const han = /[\u3400-\u9fff]/;

describe('the zh-TW catalogue', () => {
  const english = leaves({ ...en, errors: undefined });
  const chinese = leaves({ ...zhTW, errors: undefined });

  it('has every English message, and nothing else', () => {
    expect(chinese.map((leaf) => leaf.path).sort()).toEqual(english.map((leaf) => leaf.path).sort());
  });

  it('gives a function where English takes values, a text where it does not', () => {
    const kinds = (list: Leaf[]) => Object.fromEntries(list.map((leaf) => [leaf.path, typeof leaf.value]));
    expect(kinds(chinese)).toEqual(kinds(english));
  });

  it('writes every message in Chinese', () => {
    const notChinese = [...chinese, ...leaves(zhTW.errors, 'errors')]
      .filter((leaf) => !han.test(render(leaf.value, leaf.path)))
      .map((leaf) => leaf.path);
    // names of things and bare punctuation, the same in both languages
    expect(notChinese).toEqual(['login.methods.totp[0]', 'help.lang'].filter((path) => notChinese.includes(path)));
  });

  it('uses Taiwan words, never the mainland ones', () => {
    const mainland = /文件夹|文件夾|默认|默認|网络|網絡|用户|用戶|账号|賬號|账户|信息|设置|登录|登錄|服务器|服務器|身份证|身份證|二维码|二維碼|鼠标|程序|软件|軟件|视频|缺省|帐户|帐号/;
    const found = [...chinese, ...leaves(zhTW.errors, 'errors')]
      .map((leaf) => ({ path: leaf.path, text: render(leaf.value, leaf.path) }))
      .filter(({ text }) => mainland.test(text));
    expect(found).toEqual([]);
  });

  it('keeps the values a message is given', () => {
    for (const leaf of chinese.filter((entry) => typeof entry.value === 'function')) {
      const english = en as unknown as Record<string, unknown>;
      const source = leaf.path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], english);
      const sample = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO'];
      const used = (text: string) => sample.filter((value) => text.includes(value));
      const call = (fn: unknown) => String((fn as (...args: unknown[]) => unknown)(...sample));
      expect(used(call(leaf.value)), leaf.path).toEqual(used(call(source)));
    }
  });

  it('has a Chinese message for every error code it names, each keeping its details', () => {
    for (const [code, message] of Object.entries(zhTW.errors)) {
      expect(code).toMatch(/^ERR_[A-Z0-9_]+$/);
      expect(han.test(message!({ message: 'detail', retryAfterSeconds: 30 }))).toBe(true);
    }
  });
});
