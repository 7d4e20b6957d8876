import { describe, expect, it } from 'vitest';
import { encodeName } from '../testing/index.js';
import { readName } from './formatName.js';
import type { GeneralName } from './generalNames.js';
import { matchSubtree } from './matchSubtree.js';

const dns = (value: string): GeneralName => ({ type: 'dns', value });
const email = (value: string): GeneralName => ({ type: 'rfc822', value });
const uri = (value: string): GeneralName => ({ type: 'uri', value });
const ip = (...bytes: number[]): GeneralName => ({ type: 'ip', value: Uint8Array.from(bytes) });
const dn = (...rdns: Array<[string, string]>): GeneralName => {
  const value = encodeName(rdns);
  return { type: 'dn', value, rdns: readName(value) };
};

describe('matchSubtree (RFC 5280 §4.2.1.10)', () => {
  it('dNSName: the domain and every name below it, by whole labels, without case', () => {
    expect(matchSubtree(dns('example.com'), dns('example.com'))).toBe(true);
    expect(matchSubtree(dns('example.com'), dns('Host.EXAMPLE.com'))).toBe(true);
    expect(matchSubtree(dns('example.com'), dns('host.example.com.'))).toBe(true);
    expect(matchSubtree(dns('example.com'), dns('badexample.com'))).toBe(false);
    expect(matchSubtree(dns('example.com'), dns('example.com.evil.net'))).toBe(false);
    expect(matchSubtree(dns('.example.com'), dns('example.com'))).toBe(false);
    expect(matchSubtree(dns(''), dns('anything.net'))).toBe(true);
  });

  it('rfc822Name: one mailbox, one host, or every host below a domain', () => {
    expect(matchSubtree(email('alice@example.com'), email('alice@EXAMPLE.com'))).toBe(true);
    expect(matchSubtree(email('alice@example.com'), email('bob@example.com'))).toBe(false);
    expect(matchSubtree(email('example.com'), email('bob@example.com'))).toBe(true);
    expect(matchSubtree(email('example.com'), email('bob@mail.example.com'))).toBe(false);
    expect(matchSubtree(email('.example.com'), email('bob@mail.example.com'))).toBe(true);
    expect(matchSubtree(email('.example.com'), email('bob@example.com'))).toBe(false);
    expect(matchSubtree(email('example.com'), email('not-a-mailbox'))).toBe(false);
    // The host is what follows the last @: a quoted local part with an @ cannot move it.
    expect(matchSubtree(email('example.com'), email('"x@example.com"@evil.net'))).toBe(false);
  });

  it('uniformResourceIdentifier: the host of the URI, without user info or port', () => {
    expect(matchSubtree(uri('example.com'), uri('https://example.com:8443/path'))).toBe(true);
    expect(matchSubtree(uri('example.com'), uri('https://example.com@evil.net/'))).toBe(false);
    expect(matchSubtree(uri('example.com'), uri('https://evil.net@example.com/'))).toBe(true);
    expect(matchSubtree(uri('example.com'), uri('https://www.example.com/'))).toBe(false);
    expect(matchSubtree(uri('.example.com'), uri('https://www.example.com/'))).toBe(true);
    expect(matchSubtree(uri('example.com'), uri('urn:example.com'))).toBe(false);
  });

  it('iPAddress: address and mask, IPv4 and IPv6, never across families', () => {
    const net = ip(192, 168, 1, 0, 255, 255, 255, 0);
    expect(matchSubtree(net, ip(192, 168, 1, 77))).toBe(true);
    expect(matchSubtree(net, ip(192, 168, 2, 1))).toBe(false);
    const v6 = ip(0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0), ...Array(4).fill(0xff), ...Array(12).fill(0));
    expect(matchSubtree(v6, ip(0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1))).toBe(true);
    expect(matchSubtree(v6, ip(0x20, 0x01, 0x0d, 0xb9, ...Array(12).fill(0)))).toBe(false);
    expect(matchSubtree(net, ip(...Array(10).fill(0), 0xff, 0xff, 192, 168, 1, 1))).toBe(false);
  });

  it('directoryName: the base RDNs begin the name, compared under §7.1', () => {
    const base = dn(['C', 'TW'], ['O', 'GCIS Test']);
    expect(matchSubtree(base, dn(['C', 'TW'], ['O', 'GCIS Test'], ['CN', 'Leaf']))).toBe(true);
    expect(matchSubtree(base, dn(['C', 'TW'], ['O', 'gcis   test'], ['CN', 'Leaf']))).toBe(true);
    expect(matchSubtree(base, dn(['C', 'TW'], ['O', 'GCIS Testing'], ['CN', 'Leaf']))).toBe(false);
    expect(matchSubtree(base, dn(['C', 'TW']))).toBe(false);
    expect(matchSubtree(base, dn(['O', 'GCIS Test'], ['C', 'TW']))).toBe(false);
  });

  it('says nothing for different forms or forms it cannot match', () => {
    expect(matchSubtree(dns('example.com'), email('a@example.com'))).toBeUndefined();
    const other: GeneralName = { type: 'other', tagNumber: 8, value: Uint8Array.of(0x88, 1, 1) };
    expect(matchSubtree(other, other)).toBeUndefined();
  });
});
