/**
 * Reads the embedded consumer protocol ("consumer" protocol type): a member's subscription (in
 * JoinGroup metadata) and its assignment (in SyncGroup). Both are an int16 version followed by the
 * versioned struct; a version newer than the codecs know is read as the newest known one, since
 * Kafka only appends fields. The coordinator uses the subscribed topics (OffsetDelete's
 * GROUP_SUBSCRIBED_TO_TOPIC, offset expiry of active groups) and the console shows assignments.
 *
 * Never throws: bytes that do not parse give `null` ("unknown"), as Kafka treats them.
 */
import { decodeConsumerProtocolAssignment } from '../protocol/generated/consumer-protocol-assignment';
import { decodeConsumerProtocolSubscription } from '../protocol/generated/consumer-protocol-subscription';
import { ProtocolReader } from '../protocol/primitives/reader';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

const NEWEST_KNOWN_VERSION = 3;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

function versioned<T>(bytes: Buffer, decode: (reader: ProtocolReader, version: number) => T): T | null {
  try {
    const reader = new ProtocolReader(bytes);
    const version = reader.readInt16('consumer protocol version');
    if (version < 0) return null;
    return decode(reader, Math.min(version, NEWEST_KNOWN_VERSION));
  } catch {
    return null;
  }
}

/** The topics a consumer subscribes to, or null if the metadata is not consumer protocol. */
export function subscribedTopics(metadata: Buffer): string[] | null {
  return versioned(metadata, decodeConsumerProtocolSubscription)?.topics ?? null;
}

/** The partitions assigned to a consumer; empty for no assignment yet; null if unparseable. */
export function assignedPartitions(assignment: Buffer): TopicPartitions[] | null {
  if (assignment.length === 0) return [];
  const decoded = versioned(assignment, decodeConsumerProtocolAssignment);
  return decoded ? decoded.assignedPartitions.map(({ topic, partitions }) => ({ topic, partitions: [...partitions] })) : null;
}
