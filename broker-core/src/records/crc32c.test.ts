import { describe, expect, it } from 'vitest';
import { crc32c, crc32cImplementation } from './crc32c';
import { crc32cPortable } from './crc32c-portable';

/** Bit-at-a-time CRC-32C: slow, obviously right. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check value and RFC 3720 vectors', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('agrees with a bit-wise reference for every length and alignment on both code paths', () => {
    const backing = Buffer.alloc(300);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 131 + 7) & 0xff;
    for (let start = 0; start < 5; start++) {
      for (const length of [0, 1, 7, 15, 16, 17, 63, 64, 65, 100, 200, 295]) {
        const slice = backing.subarray(start, start + length);
        expect(crc32c(backing, start, start + length)).toBe(reference(slice));
        expect(crc32c(slice)).toBe(reference(slice));
      }
    }
  });

  it('continues over split ranges', () => {
    const bytes = Buffer.from('The quick brown fox jumps over the lazy dog, again and again and again.');
    const whole = crc32c(bytes);
    for (const split of [1, 10, 33, 64]) expect(crc32c(bytes, split, bytes.length, crc32c(bytes, 0, split))).toBe(whole);
  });
});

describe('crc32c implementations', () => {
  it.skipIf(process.env.EDDY_CRC32C === 'portable')('uses the native addon here (a prebuilt package exists for linux-x64)', () => {
    // Fails if the addon stops loading, which would silently cost ~4x the CPU of every append.
    expect(crc32cImplementation).toEqual({ kind: 'native' });
  });

  it('native and portable agree on every length around the crossover, any alignment, and when continued', () => {
    const backing = Buffer.alloc(70_000);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 2654435761) >>> 13;
    for (const start of [0, 1, 3, 61]) {
      for (const length of [255, 256, 257, 1000, 4096, 65_537]) {
        const end = start + length;
        expect(crc32c(backing, start, end)).toBe(crc32cPortable(backing, start, end));
        const split = start + (length >> 1);
        expect(crc32c(backing, split, end, crc32c(backing, start, split))).toBe(crc32cPortable(backing, start, end));
      }
    }
    expect(crc32c(backing)).toBe(reference(backing));
  });
});
