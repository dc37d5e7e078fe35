/**
 * The header names Eddy's dead letters carry: Kafka's KIP-1191 provenance headers, written on
 * every record the dead-letter sweeper moves (values are UTF-8 text: partition and offset in
 * decimal), and Eddy's own. Part of the record format rather than of the broker, so the host can
 * read and write them without the broker (dlq/sweeper-api.ts re-exports them for broker-core).
 */

export const DLQ_HEADER_TOPIC = '__dlq.errors.topic';
export const DLQ_HEADER_PARTITION = '__dlq.errors.partition';
export const DLQ_HEADER_OFFSET = '__dlq.errors.offset';
export const DLQ_HEADER_GROUP = '__dlq.errors.group';
export const DLQ_HEADER_MESSAGE = '__dlq.errors.message';
/** Eddy's own: when the sweeper moved the record (epoch ms, decimal text). */
export const DLQ_HEADER_DEAD_AT = '__dlq.errors.timestamp';
/** Added to a replayed copy: `<dlq topic>/<partition>/<offset>` of the dead letter it was made from. */
export const DLQ_HEADER_REPLAY_OF = '__dlq.replay.of';
