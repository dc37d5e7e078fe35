import { describe, expect, it } from 'vitest';
import { murmur2, murmur2Partition, toPositive } from './murmur2';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('murmur2', () => {
  // Apache Kafka's UtilsTest.testMurmur2 cases (input → the Java client's signed hash).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
    ['', 275646681],
  ])('hashes %j as Kafka does', (input, expected) => {
    expect(murmur2(bytes(input))).toBe(expected);
  });

  it("agrees with kafkajs's default partitioner hash on 2,000 keys of every length", async () => {
    // kafkajs 2's DefaultPartitioner hashes with this module (its "legacy" one differs, on purpose).
    const { createRequire } = await import('node:module');
    const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer) => number;
    for (let i = 0; i < 2000; i++) {
      const key = Buffer.from(`key-${i}-${'é'.repeat(i % 7)}${String.fromCharCode(i % 300)}`, 'utf8');
      expect(murmur2(key), key.toString('hex')).toBe(kafkajsMurmur2(key));
    }
  });

  it('reads bytes above 0x7f as unsigned, as Java masks them', () => {
    const high = murmur2(Uint8Array.from([0xff, 0x80, 0xfe, 0x81, 0xc3]));
    expect(high).toBe(murmur2(Buffer.from('ff80fe81c3', 'hex')));
    expect(Number.isInteger(high) && high >= -(2 ** 31) && high < 2 ** 31).toBe(true);
  });

  it('toPositive clears the sign bit (so -2^31 becomes 0, not 2^31)', () => {
    expect(toPositive(-(2 ** 31))).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
  });

  it('picks the partition as the clients do: toPositive(hash) % count', () => {
    // foobar: toPositive(-790332482) = 1357151166; % 50 = 16.
    expect(murmur2Partition(bytes('foobar'), 50)).toBe(16);
    expect(murmur2Partition(bytes('21'), 7)).toBe((-973932308 & 0x7fffffff) % 7);
  });
});
