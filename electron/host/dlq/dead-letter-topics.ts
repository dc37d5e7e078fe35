/**
 * Which topics hold dead letters, and why they count as DLQs, first reason first:
 * - `sweeper-policy`: a topic's enabled sweeper policy writes to it (`dlq.enable=true`, its
 *   `dlq.topic` or `<topic>.dlq`);
 * - `name`: its name says so (dead-letter-recognition.ts);
 * - `headers`: the first record of its first non-empty partition carries a DLQ writer's
 *   provenance headers. That record is read once and the answer kept until the partition's log
 *   start moves (an empty topic is looked at again once it has records).
 * Kafka's internal topics (`__…`) are left out. A topic deleted meanwhile is left out too.
 */
import { readStoredRecords } from '../../../broker-core/src/index';
import type { TopicDescription } from '../../../broker-core/src/storage/log-manager';
import type { DeadLetterTopic, PartitionRange } from '../../contract';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import { hasProvenanceHeaders, isDeadLetterTopicName } from './dead-letter-recognition';

const FIRST_RECORD_BYTES = 64 * 1024;

export interface FoundDlqTopic {
  topic: string;
  recognizedBy: DeadLetterTopic['recognizedBy'];
  ranges: PartitionRange[];
}

/** The DLQ topics the enabled sweeper policies of these topics write to. */
export function policyDlqTopics(topics: readonly Pick<TopicDescription, 'name' | 'configs'>[]): Set<string> {
  const targets = new Set<string>();
  for (const topic of topics) if (topic.configs['dlq.enable'] === 'true') targets.add(topic.configs['dlq.topic'] || `${topic.name}.dlq`);
  return targets;
}

export class DeadLetterTopicFinder {
  private readonly verdicts = new Map<string, { partition: number; logStartOffset: number; dlq: boolean }>();

  constructor(private readonly source: RecordSource) {}

  /** Whether appends to `topic` cannot change its verdict (its first record was read and carries no provenance). */
  settledAsNotDlq(topic: string): boolean {
    return this.verdicts.get(topic)?.dlq === false;
  }

  forget(topic: string): void {
    this.verdicts.delete(topic);
  }

  async find(topics: readonly Pick<TopicDescription, 'name' | 'configs'>[]): Promise<FoundDlqTopic[]> {
    const policyTargets = policyDlqTopics(topics);
    const found: FoundDlqTopic[] = [];
    const names = topics.map((topic) => topic.name).filter((name) => !name.startsWith('__'));
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      let ranges: PartitionRange[];
      try {
        ranges = await this.source.partitionOffsets(name);
      } catch (error) {
        if (error instanceof RecordSourceError && error.code === 'UNKNOWN_TOPIC') continue;
        throw error;
      }
      const recognizedBy = policyTargets.has(name) ? 'sweeper-policy' : isDeadLetterTopicName(name) ? 'name' : (await this.headersSay(name, ranges)) ? 'headers' : null;
      if (recognizedBy) found.push({ topic: name, recognizedBy, ranges });
    }
    const listed = new Set(names);
    for (const name of [...this.verdicts.keys()]) if (!listed.has(name)) this.verdicts.delete(name);
    return found;
  }

  private async headersSay(topic: string, ranges: readonly PartitionRange[]): Promise<boolean> {
    const first = ranges.find((range) => range.highWatermark > range.logStartOffset);
    if (!first) {
      this.verdicts.delete(topic);
      return false;
    }
    const known = this.verdicts.get(topic);
    if (known && known.partition === first.partition && known.logStartOffset === first.logStartOffset) return known.dlq;
    let dlq: boolean;
    try {
      const fetched = await this.source.fetch(topic, first.partition, first.logStartOffset, FIRST_RECORD_BYTES);
      const [record] = readStoredRecords(fetched.batches, { fromOffset: first.logStartOffset, maxRecords: 1 }).records;
      if (!record) return false; // unreadable or deleted meanwhile: look again next time
      dlq = hasProvenanceHeaders(record.headers);
    } catch (error) {
      if (error instanceof RecordSourceError) return false;
      throw error;
    }
    this.verdicts.set(topic, { partition: first.partition, logStartOffset: first.logStartOffset, dlq });
    return dlq;
  }
}
