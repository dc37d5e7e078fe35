/**
 * A minimal RecordBatch v2 encoder (uncompressed, valid CRC-32C), so fuzzed Produce requests carry
 * batches a broker accepts and reach the code behind batch validation, not only its first check.
 * Layout: https://kafka.apache.org/documentation/#recordbatch
 */
import { crc32c } from '../../src/records/crc32c';
import { ProtocolWriter } from '../../src/protocol/primitives/writer';
import type { Random } from './prng';

export interface SimpleRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<{ key: string; value: Buffer | null }>;
}

export interface BatchOptions {
  baseOffset?: bigint;
  baseTimestamp?: bigint;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  attributes?: number;
}

export function encodeRecordBatch(records: readonly SimpleRecord[], options: BatchOptions = {}): Buffer {
  const baseTimestamp = options.baseTimestamp ?? 1_700_000_000_000n;
  const body = new ProtocolWriter(256);
  records.forEach((record, i) => {
    const r = new ProtocolWriter(64);
    r.writeInt8(0); // attributes
    r.writeVarlong(0n); // timestampDelta
    r.writeVarint(i); // offsetDelta
    writeVarBytes(r, record.key);
    writeVarBytes(r, record.value);
    r.writeVarint(record.headers.length);
    for (const header of record.headers) {
      writeVarBytes(r, Buffer.from(header.key, 'utf8'));
      writeVarBytes(r, header.value);
    }
    const bytes = r.finish();
    body.writeVarint(bytes.length);
    body.writeRawBytes(bytes);
  });
  const recordBytes = body.finish();

  const w = new ProtocolWriter(61 + recordBytes.length);
  w.writeInt64(options.baseOffset ?? 0n);
  const lengthAt = w.reserveInt32();
  w.writeInt32(-1); // partitionLeaderEpoch
  w.writeInt8(2); // magic
  const crcAt = w.reserveInt32();
  w.writeInt16(options.attributes ?? 0);
  w.writeInt32(Math.max(0, records.length - 1)); // lastOffsetDelta
  w.writeInt64(baseTimestamp);
  w.writeInt64(baseTimestamp); // maxTimestamp
  w.writeInt64(options.producerId ?? -1n);
  w.writeInt16(options.producerEpoch ?? -1);
  w.writeInt32(options.baseSequence ?? -1);
  w.writeInt32(records.length);
  w.writeRawBytes(recordBytes);
  const out = w.finish();
  out.writeInt32BE(out.length - 12, lengthAt);
  out.writeUInt32BE(crc32c(out, crcAt + 4, out.length), crcAt);
  return out;
}

function writeVarBytes(w: ProtocolWriter, bytes: Buffer | null): void {
  if (bytes === null) {
    w.writeVarint(-1);
    return;
  }
  w.writeVarint(bytes.length);
  w.writeRawBytes(bytes);
}

/** One to three small records; sometimes an idempotent producer's batch. */
export function randomRecordBatch(rnd: Random): Buffer {
  const n = rnd.int(1, 3);
  const records: SimpleRecord[] = [];
  for (let i = 0; i < n; i++) {
    records.push({
      key: rnd.chance(0.3) ? null : Buffer.from(`k${rnd.int(0, 99)}`),
      value: rnd.chance(0.1) ? null : rnd.bytes(rnd.int(0, 40)),
      headers: rnd.chance(0.2) ? [{ key: 'h', value: Buffer.from('v') }] : [],
    });
  }
  const idempotent = rnd.chance(0.3);
  return encodeRecordBatch(records, idempotent ? { producerId: BigInt(rnd.int(0, 5)), producerEpoch: 0, baseSequence: rnd.int(0, 10) } : {});
}
