/**
 * The host's hex text (`0a ff 41 …`, what `messages.get` returns for the `hex` mode) as a
 * classic dump, one line per 16 bytes (8 where the panel is narrow): the offset, the bytes in
 * groups of eight, and the printable ASCII (anything else as `.`). Lines are made one at a time,
 * for the rows in view.
 */
export const BYTES_PER_LINE = 16;

/** The bytes of hex text (pairs of hex digits, spaces ignored); stops at the first non-hex pair. */
export function bytesOfHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  const bytes = new Uint8Array(Math.floor(digits.length / 2));
  for (let i = 0; i < bytes.length; i++) {
    const byte = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    if (Number.isNaN(byte)) return bytes.subarray(0, i);
    bytes[i] = byte;
  }
  return bytes;
}

export interface HexLine {
  offset: string;
  hex: string;
  ascii: string;
}

export function hexLine(bytes: Uint8Array, line: number, perLine = BYTES_PER_LINE): HexLine {
  const start = line * perLine;
  const chunk = bytes.subarray(start, start + perLine);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < perLine; i++) {
    if (i > 0 && i % 8 === 0) hex += ' ';
    if (i < chunk.length) {
      hex += chunk[i].toString(16).padStart(2, '0') + ' ';
      ascii += chunk[i] >= 0x20 && chunk[i] < 0x7f ? String.fromCharCode(chunk[i]) : '.';
    } else hex += '   ';
  }
  return { offset: start.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii };
}

export function hexLineCount(bytes: Uint8Array, perLine = BYTES_PER_LINE): number {
  return Math.ceil(bytes.length / perLine);
}
