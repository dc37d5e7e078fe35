import { describe, expect, it } from 'vitest';
import { bytesOfHex, hexLine, hexLineCount } from './hex-dump';

describe('hex dump', () => {
  it('reads the host’s hex text and lays it out 16 bytes a line, with offsets and printable ASCII', () => {
    const bytes = bytesOfHex('6f 72 64 65 72 2d 31 00 ff 41 42 43 44 45 46 47 48 0a');
    expect(bytes.length).toBe(18);
    expect(hexLineCount(bytes)).toBe(2);
    expect(hexLine(bytes, 0)).toEqual({ offset: '00000000', hex: '6f 72 64 65 72 2d 31 00  ff 41 42 43 44 45 46 47', ascii: 'order-1..ABCDEFG' });
    expect(hexLine(bytes, 1)).toEqual({ offset: '00000010', hex: '48 0a', ascii: 'H.' });
  });

  it('stops at text that is not hex', () => {
    expect(Array.from(bytesOfHex('01 02 zz 03'))).toEqual([1, 2]);
    expect(bytesOfHex('').length).toBe(0);
  });
});
