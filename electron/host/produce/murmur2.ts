/**
 * Kafka's key hash, exactly as the Java client computes it (`Utils.murmur2` and `Utils.toPositive`
 * in org.apache.kafka.common.utils): MurmurHash2, 32-bit, seed 0x9747b28c, the key's bytes read as
 * little-endian 4-byte words, 32-bit signed arithmetic. librdkafka's `murmur2_random` and kafkajs's
 * default partitioner compute the same hash, so a keyed record lands where those clients put it:
 * partition = toPositive(murmur2(key)) % partitionCount.
 *
 * Pure; checked against Kafka's own test vectors (murmur2.test.ts) and, in the integration tier,
 * against librdkafka and kafkajs producing ~1,000 keys (electron/host/test/murmur2-clients.test.ts).
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Kafka's `Utils.murmur2`: the signed 32-bit hash of `data`. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length & 3;
  if (tail === 3) h ^= data[whole + 2] << 16;
  if (tail >= 2) h ^= data[whole + 1] << 8;
  if (tail >= 1) {
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: the sign bit cleared (not Math.abs, which differs for -2^31). */
export function toPositive(hash: number): number {
  return hash & 0x7fffffff;
}

/** The partition Kafka's clients pick for a non-null key. */
export function murmur2Partition(key: Uint8Array, partitionCount: number): number {
  return toPositive(murmur2(key)) % partitionCount;
}
