/**
 * What the dead-letter sweeper shows of itself to the app: its pace, its last and next sweep, and
 * per watched topic the policy and what it moved. `Broker.deadLetters` is one of these.
 *
 * The policy lives in the source topic's configs (`dlq.enable`, `dlq.group`, `dlq.max.age.ms`,
 * `dlq.topic`); the header names re-exported below are Kafka's KIP-1191 names, written on every
 * record the sweeper moves (defined with the record format, records/dead-letter-headers.ts).
 */

export * from '../records/dead-letter-headers';

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
