/**
 * A producer's identity written into a built batch: the producer id, epoch and base sequence an
 * idempotent producer sends (Kafka keeps a batch whose sequence it has already stored once, so a
 * retried send is not stored twice). The batch is copied, the three header fields set, and the
 * CRC (which covers them) computed again; the records, compressed or not, are left as they are.
 */
import { crc32c } from './crc32c';
import { ATTRIBUTES, BASE_SEQUENCE, CRC, CURRENT_MAGIC, MAGIC, PRODUCER_EPOCH, PRODUCER_ID, RECORD_BATCH_OVERHEAD } from './record-batch-layout';

export interface ProducerStamp {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
}

/** A copy of the one batch in `batch` carrying `stamp`; throws RangeError for bytes that are not one magic-2 batch. */
export function stampProducer(batch: Buffer, stamp: ProducerStamp): Buffer {
  if (batch.length < RECORD_BATCH_OVERHEAD || batch.readInt8(MAGIC) !== CURRENT_MAGIC) throw new RangeError('not a record batch (magic 2)');
  const stamped = Buffer.from(batch);
  stamped.writeBigInt64BE(stamp.producerId, PRODUCER_ID);
  stamped.writeInt16BE(stamp.producerEpoch, PRODUCER_EPOCH);
  stamped.writeInt32BE(stamp.baseSequence, BASE_SEQUENCE);
  stamped.writeUInt32BE(crc32c(stamped, ATTRIBUTES, stamped.length), CRC);
  return stamped;
}
