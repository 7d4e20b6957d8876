import { nameKeys } from './compareNames.js';
import type { GeneralName } from './generalNames.js';

/**
 * Whether `name` lies within the subtree whose base is `base` (RFC 5280 §4.2.1.10), for the
 * forms this module constrains; undefined when the two are not of one form or the form is not
 * one it can match (x400Address, ediPartyName, otherName, registeredID).
 */
export function matchSubtree(base: GeneralName, name: GeneralName): boolean | undefined {
  if (base.type !== name.type) return undefined;
  switch (base.type) {
    case 'dn':
      return withinDirectory(base.rdns, (name as typeof base).rdns);
    case 'rfc822':
      return withinMailbox(base.value, name.value as string);
    case 'dns':
      return withinDomain(base.value, name.value as string);
    case 'uri':
      return withinUriHost(base.value, name.value as string);
    case 'ip':
      return withinAddressRange(base.value, name.value as Uint8Array);
    default:
      return undefined;
  }
}

/** directoryName: the base's RDNs are the first RDNs of the name (§7.1 comparison per RDN). */
function withinDirectory(base: Parameters<typeof nameKeys>[0], name: Parameters<typeof nameKeys>[0]): boolean {
  if (base.length > name.length) return false;
  const baseKeys = nameKeys(base);
  const nameKeysPrefix = nameKeys(name.slice(0, base.length));
  return baseKeys.every((key, index) => key === nameKeysPrefix[index]);
}

/**
 * rfc822Name: a base with `@` is one mailbox; a base starting with `.` is every host below that
 * domain; any other base is every mailbox on that one host. Hosts compare without case, local parts exactly.
 */
function withinMailbox(base: string, mailbox: string): boolean {
  const at = mailbox.lastIndexOf('@');
  if (at < 1) return false;
  const host = mailbox.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const baseAt = base.lastIndexOf('@');
    return base.slice(0, baseAt) === mailbox.slice(0, at) && base.slice(baseAt + 1).toLowerCase() === host;
  }
  const domain = base.toLowerCase();
  return domain.startsWith('.') ? host.endsWith(domain) : host === domain;
}

/**
 * dNSName: the name is the base or below it, label by label ("host.example.com" is within
 * "example.com", "badexample.com" is not). An empty base holds every name; a leading dot, as
 * some CAs write, means below only.
 */
function withinDomain(base: string, name: string): boolean {
  const domain = base.toLowerCase();
  const host = name.toLowerCase().replace(/\.$/, '');
  if (domain === '') return true;
  if (domain.startsWith('.')) return host.endsWith(domain);
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * uniformResourceIdentifier: the constraint applies to the host of the URI (§4.2.1.10); a base
 * with a leading dot is every host below that domain, any other base that one host. A URI
 * without a host (a URN, say) is within no subtree.
 */
function withinUriHost(base: string, uri: string): boolean {
  const host = uriHost(uri);
  if (host === undefined) return false;
  const domain = base.toLowerCase();
  return domain.startsWith('.') ? host.endsWith(domain) : host === domain;
}

/** The host of `scheme://[userinfo@]host[:port]/…`, lowercase; undefined when there is no authority. */
function uriHost(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(uri);
  if (!match) return undefined;
  const authority = match[1]!.slice(match[1]!.lastIndexOf('@') + 1);
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  return host === '' ? undefined : host.toLowerCase();
}

/** iPAddress: the base is address ‖ mask (8 octets for IPv4, 32 for IPv6); the name is an address of the same family. */
function withinAddressRange(base: Uint8Array, address: Uint8Array): boolean {
  const length = base.length / 2;
  if (address.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const mask = base[length + i]!;
    if ((address[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}
