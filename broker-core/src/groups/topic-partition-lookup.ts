/**
 * What the group coordinator needs to know about topics, injected so groups do not depend on the
 * storage layer: the partition count of a topic, or undefined if the topic does not exist.
 * OffsetCommit and OffsetDelete answer UNKNOWN_TOPIC_OR_PARTITION for partitions it does not know,
 * as Kafka does. Called on the broker's event loop; must be cheap and must not throw.
 */
export interface TopicPartitionLookup {
  partitionCount(topic: string): number | undefined;
}

/** True if `partition` exists in `topic`. */
export function partitionExists(topics: TopicPartitionLookup, topic: string, partition: number): boolean {
  const count = topics.partitionCount(topic);
  return count !== undefined && Number.isInteger(partition) && partition >= 0 && partition < count;
}
