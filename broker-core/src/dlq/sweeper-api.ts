/**
 * What the dead-letter sweeper shows of itself to the app: its pace, its last and next sweep, and
 * per watched topic the policy and what it moved. `Broker.deadLetters` is one of these.
 *
 * The policy lives in the source topic's configs (`dlq.enable`, `dlq.group`, `dlq.max.age.ms`,
 * `dlq.topic`); the header names below are Kafka's KIP-1191 names, written on every record the
 * sweeper moves (values are UTF-8 text: partition and offset in decimal).
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

export interface SweptTopicView {
  topic: string;
  group: string;
  maxAgeMs: number;
  dlqTopic: string;
  /** Records moved from this topic since the data directory was created. */
  moved: number;
  lastMovedAt: number | null;
  /** Why the sweeper cannot act on this policy (no group, the DLQ is the topic itself), or null. */
  problem: string | null;
}

export interface SweeperStatusView {
  intervalMs: number;
  lastSweepAt: number | null;
  nextSweepAt: number | null;
  lastSweepMoved: number;
  totalMoved: number;
  lastError: string | null;
  /** Every topic with `dlq.enable=true`. */
  topics: SweptTopicView[];
}

export interface SweepMove {
  topic: string;
  partition: number;
  group: string;
  dlqTopic: string;
  dlqPartition: number;
  /** The source offsets moved: [fromOffset, toOffset). */
  fromOffset: number;
  toOffset: number;
  records: number;
}

export interface SweepResult {
  moves: SweepMove[];
  status: SweeperStatusView;
}

export interface DeadLetterSweeper {
  status(): SweeperStatusView;
  /** Runs a sweep now (after the one running, if any) and resolves with what it moved. */
  sweepNow(): Promise<SweepResult>;
  /** Called after every sweep that moved records; returns the unsubscribe function. */
  onSweep(listener: (result: SweepResult) => void): () => void;
}
