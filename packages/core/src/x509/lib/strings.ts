/** Universal tags of the directory string types certificates use (X.680 §8.4). */
const stringTags = {
  utf8: 0x0c,
  numeric: 0x12,
  printable: 0x13,
  teletex: 0x14,
  ia5: 0x16,
  visible: 0x1a,
  universal: 0x1c,
  bmp: 0x1e,
} as const;

/** Decodes a directory string, or returns undefined for a value that is not a string type. */
export function decodeDirectoryString(tag: number, value: Uint8Array): string | undefined {
  const buffer = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  switch (tag) {
    case stringTags.utf8:
      return buffer.toString('utf8');
    case stringTags.numeric:
    case stringTags.printable:
    case stringTags.ia5:
    case stringTags.visible:
    case stringTags.teletex: // T.61 in theory; CAs put Latin-1 in it in practice
      return buffer.toString('latin1');
    case stringTags.bmp: // UTF-16BE; an odd length is not a string, so it is shown as hex
      return buffer.length % 2 === 0 ? Buffer.from(buffer).swap16().toString('utf16le') : undefined;
    case stringTags.universal: {
      // UTF-32BE
      if (buffer.length % 4 !== 0) return undefined;
      let text = '';
      for (let i = 0; i < buffer.length; i += 4) {
        const codePoint = buffer.readUInt32BE(i);
        if (codePoint > 0x10ffff) return undefined;
        text += String.fromCodePoint(codePoint);
      }
      return text;
    }
    default:
      return undefined;
  }
}
