/**
 * Auto-creation of topics on Metadata and Produce, governed by `auto.create.topics.enable` and
 * `num.partitions` (on, 1 partition, as in Kafka). Returns whether the topic exists afterwards;
 * an invalid name or a storage failure is reported with its Kafka error code.
 */
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import { kafkaFailure, type KafkaFailure } from './storage-error-code';

export type TopicPresence = { exists: true } | ({ exists: false } & KafkaFailure);

export function ensureTopic(broker: BrokerState, name: string, allowAutoCreate: boolean): TopicPresence {
  if (broker.logs.hasTopic(name)) return { exists: true };
  if (!allowAutoCreate || !broker.config.getBoolean('auto.create.topics.enable')) {
    return { exists: false, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, message: `topic "${name}" does not exist (auto-create is off)` };
  }
  try {
    broker.logs.createTopic(name, {});
    broker.logger.info(`auto-created topic "${name}" with ${broker.config.getInt('num.partitions')} partition(s)`);
    return { exists: true };
  } catch (error) {
    return { exists: false, ...kafkaFailure(error, broker.logger, `auto-creating topic "${name}"`) };
  }
}
