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
    case stringTags.bmp: // UTF-16BE
      return Buffer.from(buffer).swap16().toString('utf16le');
    case stringTags.universal: {
      // UTF-32BE
      let text = '';
      for (let i = 0; i + 3 < buffer.length; i += 4) text += String.fromCodePoint(buffer.readUInt32BE(i));
      return text;
    }
    default:
      return undefined;
  }
}
