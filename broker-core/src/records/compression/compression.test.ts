import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { compress as snappyjsCompress } from 'snappyjs';
import { COMPRESSION_CODECS, type CompressionCodec } from './compression-codec';
import { compress, decompress } from './compression';
import { DecompressionError, UnsupportedCompressionError } from './compression-error';
import { compressLz4Block, decompressLz4Block, lz4BlockBound } from './lz4-block';
import { LZ4_FRAME_MAGIC } from './lz4-frame-codec';
import { XERIAL_MAGIC } from './snappy-codec';
import { xxh32 } from './xxh32';
import { unzstdWith, zstdDecompressor, zstdOutputBound, zstdWasm } from './zstd-codec';

/** 1 MiB-ish of JSON lines: what Kafka batches usually hold. */
function jsonLines(count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, i) => JSON.stringify({ id: i, user: `user-${i % 97}`, event: i % 3 ? 'click' : 'view', at: 1_700_000_000_000 + i })).join('\n'));
}

/** Bytes that do not compress. */
function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 0x12345678;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** Byte equality without Vitest's element-by-element diff, which takes seconds on megabytes. */
function expectBytes(actual: Buffer, expected: Buffer, what = 'bytes'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expect(actual.equals(expected), `${what}: content`).toBe(true);
}

function decompressionError(run: () => unknown): DecompressionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecompressionError);
    return error as DecompressionError;
  }
  throw new Error('expected a DecompressionError, nothing was thrown');
}

const compressed = COMPRESSION_CODECS.filter((codec): codec is Exclude<CompressionCodec, 'none'> => codec !== 'none');

describe('compress and decompress', () => {
  const inputs = { empty: Buffer.alloc(0), small: Buffer.from('a'), json: jsonLines(20_000), noise: noise(300_000) };

  for (const codec of COMPRESSION_CODECS) {
    it(`round-trips ${codec}: empty, one byte, JSON (several LZ4 blocks), incompressible`, async () => {
      for (const [name, input] of Object.entries(inputs)) {
        const packed = await compress(codec, input);
        expectBytes(decompress(codec, packed), input, `${codec} ${name}`);
      }
      if (codec !== 'none') expect((await compress(codec, inputs.json)).length).toBeLessThan(inputs.json.length / 3);
    });
  }

  it('refuses an unknown codec in words', async () => {
    await expect(compress('brotli' as CompressionCodec, Buffer.from('x'))).rejects.toThrow(UnsupportedCompressionError);
    expect(() => decompress('brotli' as CompressionCodec, Buffer.from('x'))).toThrow(/unknown compression codec "brotli"/);
  });

  for (const codec of compressed) {
    it(`${codec}: garbage, truncation and a flipped byte are DecompressionErrors`, async () => {
      const packed = await compress(codec, inputs.json);
      expect(decompressionError(() => decompress(codec, Buffer.from('definitely not compressed data'))).codec).toBe(codec);
      decompressionError(() => decompress(codec, packed.subarray(0, packed.length >> 1)));
      decompressionError(() => decompress(codec, Buffer.alloc(0)));
      // A damaged stream either fails or decodes to other bytes; it never throws anything else.
      for (const at of [10, packed.length >> 1, packed.length - 2]) {
        const damaged = Buffer.from(packed);
        damaged[at] ^= 0x5a;
        try {
          expect(decompress(codec, damaged)).not.toEqual(inputs.json);
        } catch (error) {
          expect(error).toBeInstanceOf(DecompressionError);
        }
      }
    });

    it(`${codec}: output past maxOutputBytes is refused`, async () => {
      const packed = await compress(codec, inputs.json);
      expect(decompressionError(() => decompress(codec, packed, { maxOutputBytes: 1000 })).message).toMatch(/limit|more than/);
      expectBytes(decompress(codec, packed, { maxOutputBytes: inputs.json.length }), inputs.json);
    });
  }
});

describe('gzip', () => {
  it('reads concatenated members as one stream', () => {
    expect(decompress('gzip', Buffer.concat([gzipSync('first '), gzipSync('second')])).toString()).toBe('first second');
  });
});

describe('snappy', () => {
  /** The xerial framing Kafka's Java client writes (snappy-java's SnappyOutputStream): header, then [int32 length][raw block] chunks. */
  function xerial(chunks: Buffer[]): Buffer {
    const header = Buffer.alloc(16);
    XERIAL_MAGIC.copy(header);
    header.writeInt32BE(1, 8);
    header.writeInt32BE(1, 12);
    return Buffer.concat([header, ...chunks.flatMap((chunk) => {
      const block = snappyjsCompress(chunk);
      const length = Buffer.alloc(4);
      length.writeInt32BE(block.length);
      return [length, block];
    })]);
  }

  it('reads xerial-framed snappy, one chunk and several (32 KiB each, as snappy-java writes them)', () => {
    const data = jsonLines(5000);
    expectBytes(decompress('snappy', xerial([data])), data);
    const chunks = [];
    for (let start = 0; start < data.length; start += 32 * 1024) chunks.push(data.subarray(start, start + 32 * 1024));
    expect(chunks.length).toBeGreaterThan(3);
    expectBytes(decompress('snappy', xerial(chunks)), data);
    expect(decompress('snappy', xerial([]))).toEqual(Buffer.alloc(0));
  });

  it('refuses a xerial chunk that runs past the end, or a damaged chunk', () => {
    const framed = xerial([jsonLines(100), jsonLines(50)]);
    expect(decompressionError(() => decompress('snappy', framed.subarray(0, framed.length - 5))).message).toMatch(/xerial snappy chunk 1 declares/);
    expect(decompressionError(() => decompress('snappy', framed.subarray(0, 18))).message).toMatch(/truncated/);
    const damaged = Buffer.from(framed);
    damaged.writeInt32BE(3, 16); // the first chunk's length: too short for its block
    expect(decompressionError(() => decompress('snappy', damaged)).message).toMatch(/corrupt snappy chunk 0 of a xerial stream|xerial/);
  });

  it('writes raw snappy (as librdkafka does), not xerial', async () => {
    const packed = await compress('snappy', jsonLines(10));
    expect(packed.subarray(0, 8).equals(XERIAL_MAGIC)).toBe(false);
  });
});

describe('lz4 frames', () => {
  /** Builds a frame by hand: FLG/BD as given, header checksum the correct way or Kafka 0.8's. */
  function frame(content: Buffer, options: { blockChecksums?: boolean; contentChecksum?: boolean; contentSize?: boolean; kafka08Checksum?: boolean; blockSize?: number } = {}): Buffer {
    const flg = 0x40 | 0x20 | (options.blockChecksums ? 0x10 : 0) | (options.contentSize ? 0x08 : 0) | (options.contentChecksum ? 0x04 : 0);
    const header = Buffer.alloc(options.contentSize ? 15 : 7);
    header.writeUInt32LE(LZ4_FRAME_MAGIC, 0);
    header[4] = flg;
    header[5] = 4 << 4;
    if (options.contentSize) {
      header.writeUInt32LE(content.length, 6);
      header.writeUInt32LE(0, 10);
    }
    const hcAt = header.length - 1;
    header[hcAt] = (xxh32(header, options.kafka08Checksum ? 0 : 4, hcAt) >>> 8) & 0xff;
    // Stored (uncompressed) blocks: the frame layout is what is under test here.
    const blockSize = options.blockSize ?? 64 * 1024;
    const parts: Buffer[] = [header];
    for (let start = 0; start < content.length; start += blockSize) {
      const block = content.subarray(start, start + blockSize);
      const size = Buffer.alloc(4);
      size.writeUInt32LE((0x80000000 | block.length) >>> 0);
      parts.push(size, block);
      if (options.blockChecksums) {
        const sum = Buffer.alloc(4);
        sum.writeUInt32LE(xxh32(block));
        parts.push(sum);
      }
    }
    parts.push(Buffer.alloc(4));
    if (options.contentChecksum) {
      const sum = Buffer.alloc(4);
      sum.writeUInt32LE(xxh32(content));
      parts.push(sum);
    }
    return Buffer.concat(parts);
  }

  const content = jsonLines(3000);

  it('reads frames with block checksums, a content checksum and a content size, and checks each', () => {
    const full = frame(content, { blockChecksums: true, contentChecksum: true, contentSize: true });
    expectBytes(decompress('lz4', full), content);
    const badBlock = Buffer.from(full);
    badBlock[15 + 4 + 100] ^= 1; // inside the first block's data
    expect(decompressionError(() => decompress('lz4', badBlock)).message).toMatch(/block 0 checksum mismatch/);
    const badContent = Buffer.from(frame(content, { contentChecksum: true }));
    badContent[badContent.length - 1] ^= 1;
    expect(decompressionError(() => decompress('lz4', badContent)).message).toMatch(/content checksum mismatch/);
    const wrongSize = frame(content, { contentSize: true });
    wrongSize.writeUInt32LE(content.length - 1, 6);
    wrongSize[14] = (xxh32(wrongSize, 4, 14) >>> 8) & 0xff;
    expect(decompressionError(() => decompress('lz4', wrongSize)).message).toMatch(/declares \d+ bytes of content/);
  });

  it("accepts Kafka 0.8-0.9's header checksum (over the magic too), refuses any other wrong one", () => {
    expectBytes(decompress('lz4', frame(content, { kafka08Checksum: true })), content);
    const wrong = frame(content);
    wrong[6] ^= 0xff;
    expect(decompressionError(() => decompress('lz4', wrong)).message).toMatch(/header checksum mismatch/);
  });

  it('reads concatenated frames and refuses trailing bytes that are no frame', () => {
    expect(decompress('lz4', Buffer.concat([frame(Buffer.from('one ')), frame(Buffer.from('two'))])).toString()).toBe('one two');
    expect(decompressionError(() => decompress('lz4', Buffer.concat([frame(Buffer.from('one')), Buffer.from('junk!!!')]))).message).toMatch(/LZ4 frame 1 has magic/);
  });

  it('refuses dictionaries, bad versions and blocks larger than the frame says', () => {
    const withDictionary = frame(content);
    withDictionary[4] |= 0x01;
    expect(decompressionError(() => decompress('lz4', withDictionary)).message).toMatch(/dictionary/);
    const version2 = frame(content);
    version2[4] = (version2[4] & 0x3f) | 0x80;
    expect(decompressionError(() => decompress('lz4', version2)).message).toMatch(/version 2/);
    const oversized = frame(content, { blockSize: 100_000 });
    expect(decompressionError(() => decompress('lz4', oversized)).message).toMatch(/more than the frame's block maximum/);
  });

  it('writes what the Java client writes: independent 64 KiB blocks, correct header checksum, no content size', async () => {
    const packed = await compress('lz4', content);
    expect(packed.readUInt32LE(0)).toBe(LZ4_FRAME_MAGIC);
    expect(packed[4]).toBe(0x60);
    expect(packed[5]).toBe(0x40);
    expect(packed[6]).toBe((xxh32(packed, 4, 6) >>> 8) & 0xff);
  });
});

describe('lz4 blocks', () => {
  /** The positions of a block's sequences, as the reference decoder sees them. */
  function sequences(block: Buffer): Array<{ outputAt: number; literals: number; match: number }> {
    const found = [];
    let ip = 0;
    let op = 0;
    while (ip < block.length) {
      const token = block[ip++];
      let literals = token >> 4;
      if (literals === 15) for (let extra = 255; extra === 255; literals += extra) extra = block[ip++];
      ip += literals;
      op += literals;
      if (ip >= block.length) {
        found.push({ outputAt: op - literals, literals, match: 0 });
        break;
      }
      ip += 2;
      let match = token & 15;
      if (match === 15) for (let extra = 255; extra === 255; match += extra) extra = block[ip++];
      match += 4;
      found.push({ outputAt: op - literals, literals, match });
      op += match;
    }
    return found;
  }

  it('keeps the rules the reference decoder holds writers to: no match starts in the last 12 bytes, the last 5 are literals', () => {
    const hashTable = new Int32Array(1 << 16);
    const samples = [jsonLines(3000).subarray(0, 65536), Buffer.alloc(65536, 'a'), Buffer.from('abcabcabcabcabcabcabc'), noise(1000), Buffer.concat([noise(100), noise(100)])];
    for (let length = 0; length < 80; length++) samples.push(Buffer.alloc(length, 'xy'.repeat(40)));
    for (const input of samples) {
      const output = Buffer.alloc(lz4BlockBound(input.length));
      const size = compressLz4Block(input, output, hashTable);
      const block = output.subarray(0, size);
      let op = 0;
      for (const sequence of sequences(block)) {
        op = sequence.outputAt + sequence.literals;
        if (sequence.match > 0) {
          expect(op, `match at ${op} of ${input.length}`).toBeLessThanOrEqual(input.length - 12);
          expect(op + sequence.match).toBeLessThanOrEqual(input.length - 5);
          op += sequence.match;
        }
      }
      expect(op).toBe(input.length);
      const decoded = Buffer.alloc(input.length);
      expect(decompressLz4Block(block, 0, block.length, decoded, 0, 0, input.length)).toBe(input.length);
      expectBytes(decoded, input);
    }
  });

  it('refuses offsets before the data, literals past the block and output past the limit', () => {
    const output = Buffer.alloc(100);
    // token: 1 literal, match 4; literal 'a'; offset 2 (only 1 byte written so far)
    expect(() => decompressLz4Block(Buffer.from([0x10, 0x61, 0x02, 0x00, 0x00]), 0, 5, output, 0, 0, 100)).toThrow(/match offset 2 points before the start/);
    expect(() => decompressLz4Block(Buffer.from([0x10, 0x61, 0x00, 0x00, 0x00]), 0, 5, output, 0, 0, 100)).toThrow(/match offset 0/);
    expect(() => decompressLz4Block(Buffer.from([0x50, 0x61, 0x62]), 0, 3, output, 0, 0, 100)).toThrow(/5 literals run past the end of the block/);
    expect(() => decompressLz4Block(Buffer.from([0x1f, 0x61, 0x01, 0x00, 0xff, 0x10, 0x00]), 0, 7, output, 0, 0, 100)).toThrow(/past its maximum size/);
    // A match may reach into an earlier block of the same frame (linked blocks): the window starts there.
    output.write('hello', 0);
    expect(decompressLz4Block(Buffer.from([0x00, 0x05, 0x00, 0x00]), 0, 4, output, 5, 0, 100)).toBe(9);
  });
});

describe('zstd', () => {
  const data = jsonLines(20_000);

  it(`decompresses with fzstd and (where Node has it) node:zlib alike; this process uses ${zstdDecompressor}`, async () => {
    const packed = await compress('zstd', data);
    expectBytes(unzstdWith('fzstd', packed, 1 << 30), data);
    if (zstdDecompressor === 'node:zlib') expectBytes(unzstdWith('node:zlib', packed, 1 << 30), data);
    else expect(() => unzstdWith('node:zlib', packed, 1 << 30)).toThrow(/node:zlib has no zstd/);
  });

  it('compresses through WebAssembly where node:zlib has no zstd, readable by both decoders', async () => {
    const packed = await zstdWasm(data);
    expect(packed.length).toBeLessThan(data.length / 5);
    expectBytes(unzstdWith('fzstd', packed, 1 << 30), data);
  });

  it('bounds the output from the frame headers before decompressing', async () => {
    const packed = await compress('zstd', data);
    const bound = zstdOutputBound(packed);
    expect(bound).toBeGreaterThanOrEqual(data.length);
    // An RLE block of the 128 KiB maximum, repeated: 4 bytes each, 128 KiB of output each.
    const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]); // no content size, 128 MiB window
    const rle = (last: boolean) => {
      const block = Buffer.alloc(4);
      const word = (last ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3);
      block[0] = word & 0xff;
      block[1] = (word >> 8) & 0xff;
      block[2] = (word >> 16) & 0xff;
      block[3] = 0x61;
      return block;
    };
    const bomb = Buffer.concat([header, ...Array.from({ length: 999 }, () => rle(false)), rle(true)]);
    expect(zstdOutputBound(bomb)).toBe(1000 * 128 * 1024);
    expect(decompressionError(() => decompress('zstd', bomb, { maxOutputBytes: 64 * 1024 * 1024 })).message).toMatch(/more than 67108864 bytes \(the reader's limit\)/);
    expect(decompress('zstd', bomb).length).toBe(1000 * 128 * 1024);
  });

  it('refuses dictionaries and truncated frames in words', async () => {
    const packed = await compress('zstd', data);
    const withDictionary = Buffer.from(packed);
    withDictionary[4] |= 0x01;
    expect(decompressionError(() => decompress('zstd', withDictionary)).message).toMatch(/dictionary/);
    expect(decompressionError(() => decompress('zstd', packed.subarray(0, 5))).message).toMatch(/truncated/);
    expect(decompressionError(() => decompress('zstd', packed.subarray(0, packed.length - 10))).message).toMatch(/zstd frame truncated/);
  });
});

describe('xxh32', () => {
  it('gives the reference values', () => {
    expect(xxh32(Buffer.alloc(0))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
    expect(xxh32(Buffer.alloc(0), 0, 0, 1)).toBe(0x0b2cb792);
  });
});
