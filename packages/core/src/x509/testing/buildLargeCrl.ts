import { randomBytes, type KeyObject } from 'node:crypto';
import { encodeName, type NameSpec } from './lib/build.js';
import { signerFor } from './lib/signer.js';

export type LargeCrl = {
  der: Uint8Array;
  /** The serial of entry `index`, in the canonical hex form. */
  serialHexAt(index: number): string;
};

/**
 * A MOICA-size CRL (default 400 000 entries, ~20 MB) written straight as bytes — building that
 * many pkijs objects would take minutes. Each entry is `SEQUENCE { INTEGER (16 random bytes),
 * UTCTime, Extensions { reasonCode } }` like MOICA's; `extraSerialHexes` are listed first.
 */
export function buildLargeCrl({
  issuer,
  count = 400_000,
  thisUpdate,
  nextUpdate,
  extraSerialHexes = [],
}: {
  issuer: { name: NameSpec; privateKey: KeyObject };
  count?: number;
  thisUpdate: Date;
  nextUpdate: Date;
  extraSerialHexes?: readonly string[];
}): LargeCrl {
  const random = randomBytes(count * 16);
  // Top bit clear and non-zero first byte: a positive INTEGER with no padding byte.
  for (let i = 0; i < random.length; i += 16) random[i] = (random[i]! & 0x7f) | 0x10;
  const revocationDate = tlv(0x17, Buffer.from(utcTime(thisUpdate), 'latin1'));
  // reasonCode keyCompromise(1): Extensions { Extension { 2.5.29.21, OCTET STRING { ENUMERATED 1 } } }
  const entryExtensions = Buffer.from('300c300a0603551d1504030a0101', 'hex');
  const entries: Buffer[] = extraSerialHexes.map((hex) => entry(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'), revocationDate, entryExtensions));
  const bodyLength = 2 + 18 + revocationDate.length + entryExtensions.length;
  const bulk = Buffer.alloc(count * bodyLength);
  for (let i = 0, at = 0; i < count; i++, at += bodyLength) {
    bulk[at] = 0x30;
    bulk[at + 1] = bodyLength - 2;
    bulk[at + 2] = 0x02;
    bulk[at + 3] = 16;
    random.copy(bulk, at + 4, i * 16, i * 16 + 16);
    revocationDate.copy(bulk, at + 20);
    entryExtensions.copy(bulk, at + 20 + revocationDate.length);
  }
  entries.push(bulk);
  const signer = signerFor(issuer.privateKey);
  const algorithm = Buffer.from(signer.algorithm.toSchema().toBER());
  // crlExtensions [0] { Extensions { cRLNumber 1 } }
  const crlExtensions = Buffer.from('a00e300c300a0603551d140403020101', 'hex');
  const tbs = tlv(0x30, Buffer.concat([
    Buffer.from('020101', 'hex'), // version v2
    algorithm,
    Buffer.from(encodeName(issuer.name)),
    tlv(0x17, Buffer.from(utcTime(thisUpdate), 'latin1')),
    tlv(0x17, Buffer.from(utcTime(nextUpdate), 'latin1')),
    tlv(0x30, Buffer.concat(entries)),
    crlExtensions,
  ]));
  const signature = tlv(0x03, Buffer.concat([Buffer.from([0]), signer.sign(tbs)]));
  return {
    der: new Uint8Array(tlv(0x30, Buffer.concat([tbs, algorithm, signature]))),
    serialHexAt: (index) => random.toString('hex', index * 16, index * 16 + 16),
  };
}

function entry(serial: Buffer, revocationDate: Buffer, extensions: Buffer): Buffer {
  const integer = serial[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), serial]) : serial;
  return tlv(0x30, Buffer.concat([tlv(0x02, integer), revocationDate, extensions]));
}

/** DER tag-length-value with the shortest length form (X.690 §10.1). */
function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

/** UTCTime text `YYMMDDHHMMSSZ` (dates in 1950–2049). */
function utcTime(date: Date): string {
  return date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z');
}
