import { GcisError } from '../../errors.js';

/**
 * How `tbs` travels in a HiPKI tbsPackage: `NONE` as text (the component signs its UTF-8 bytes) —
 * what every public sample page sends — or `base64`, which carries any bytes.
 */
export type HipkiTbsEncoding = 'NONE' | 'base64';

export const hipkiTbsEncodings: readonly HipkiTbsEncoding[] = ['NONE', 'base64'];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The `tbs` field for `data`. With NONE the bytes must be text that encodes back to exactly the
 * same bytes; binary data (e.g. CMS signed attributes) is misuse there and throws ERR_INVALID_INPUT.
 */
export function hipkiTbs(data: Uint8Array, encoding: HipkiTbsEncoding): string {
  if (encoding === 'base64') return Buffer.from(data).toString('base64');
  let text: string;
  try {
    text = strictUtf8.decode(data);
  } catch (cause) {
    throw notText(cause);
  }
  if (!Buffer.from(text, 'utf8').equals(Buffer.from(data))) throw notText();
  return text;
}

const notText = (cause?: unknown) =>
  new GcisError('ERR_INVALID_INPUT', 'tbsEncoding NONE sends text, and this data is not UTF-8 text: use tbsEncoding base64', { cause });
