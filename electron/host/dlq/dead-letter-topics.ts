/**
 * Which topics of a cluster hold dead letters, and why they count as DLQs, first reason first:
 * - `sweeper-policy`: a topic's enabled sweeper policy writes to it (`dlq.enable=true`, its
 *   `dlq.topic` or `<topic>.dlq`), read from the topics' overridden configs (DescribeConfigs);
 * - `name`: its name says so (dead-letter-recognition.ts);
 * - `headers`: the first record of its first non-empty partition carries a DLQ writer's
 *   provenance headers. That record is read once and the answer kept until the partition's log
 *   start moves (an empty topic is looked at again once it has records).
 * Kafka's internal topics (`__…`, or marked internal) are left out. A topic deleted meanwhile is
 * left out too. One look reads the topic list, the overrides and the offset ranges of every topic
 * in one request each (as few as the cluster allows), then the first records not yet looked at.
 */
import type { DeadLetterTopic, PartitionRange } from '../../contract';
import { readStoredRecords } from '../../../broker-core/src/records/index';
import type { Cluster } from '../cluster/cluster';
import { RecordSourceError } from '../cluster/record-source';
import { hasProvenanceHeaders, isDeadLetterTopicName } from './dead-letter-recognition';

const FIRST_RECORD_BYTES = 64 * 1024;

export interface FoundDlqTopic {
  topic: string;
  recognizedBy: DeadLetterTopic['recognizedBy'];
  ranges: PartitionRange[];
}

export interface DlqTopicLook {
  /** Every topic looked at (internal ones left out) with its id (null where the cluster gives none). */
  listed: Map<string, string | null>;
  /** The DLQ topics among them, by name. */
  found: FoundDlqTopic[];
}

/** The DLQ topics the enabled sweeper policies of these topics (by their overridden configs) write to. */
export function policyDlqTopics(overrides: ReadonlyMap<string, Readonly<Record<string, string>>>): Set<string> {
  const targets = new Set<string>();
  for (const [name, configs] of overrides) if (configs['dlq.enable'] === 'true') targets.add(configs['dlq.topic'] || `${name}.dlq`);
  return targets;
}

export class DeadLetterTopicFinder {
  private readonly verdicts = new Map<string, { partition: number; logStartOffset: number; dlq: boolean }>();

  constructor(private readonly cluster: Pick<Cluster, 'records' | 'admin'>) {}

  /** Whether appends to `topic` cannot change its verdict (its first record was read and carries no provenance). */
  settledAsNotDlq(topic: string): boolean {
    return this.verdicts.get(topic)?.dlq === false;
  }

  forget(topic: string): void {
    this.verdicts.delete(topic);
  }

  async find(): Promise<DlqTopicLook> {
    const topics = (await this.cluster.admin.listTopics()).filter((topic) => !topic.internal && !topic.name.startsWith('__'));
    const names = topics.map((topic) => topic.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const [overrides, offsets] = await Promise.all([this.cluster.admin.topicOverrides(names), this.cluster.admin.topicOffsets(names)]);
    // A cluster that cannot say its configs has no sweeper policy to read: names and headers still tell.
    const policyTargets = policyDlqTopics(overrides ?? new Map());
    const found: FoundDlqTopic[] = [];
    for (const name of names) {
      const ranges = offsets.get(name);
      if (!ranges) continue; // deleted meanwhile
      const recognizedBy = policyTargets.has(name) ? 'sweeper-policy' : isDeadLetterTopicName(name) ? 'name' : (await this.headersSay(name, ranges)) ? 'headers' : null;
      if (recognizedBy) found.push({ topic: name, recognizedBy, ranges });
    }
    const listed = new Map(topics.map((topic) => [topic.name, topic.topicId]));
    for (const name of [...this.verdicts.keys()]) if (!listed.has(name)) this.verdicts.delete(name);
    return { listed, found };
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
      const fetched = await this.cluster.records.fetch(topic, first.partition, first.logStartOffset, FIRST_RECORD_BYTES);
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
