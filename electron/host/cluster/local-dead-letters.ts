/**
 * The embedded broker's dead-letter sweeper as the host sees it (cluster.ts's
 * `LocalClusterDetails.deadLetters`): its pace, its last and next sweep, per watched topic the
 * policy and what it moved; a sweep on demand; a call after each sweep that moved records.
 *
 * Only a broker running in this process sweeps (its `dlq.*` topic configs are Eddy's own, which a
 * Kafka cluster would refuse as unknown), so a remote cluster has none: the dead-letter views then
 * say the sweeper is unavailable rather than show made-up numbers. Declared here, in the host's
 * terms, so the cluster seam does not depend on broker-core's types; the broker's sweeper
 * (`Broker.deadLetters`) has this shape.
 */

export interface LocalSweptTopic {
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

export interface LocalSweeperStatus {
  intervalMs: number;
  lastSweepAt: number | null;
  nextSweepAt: number | null;
  lastSweepMoved: number;
  totalMoved: number;
  lastError: string | null;
  /** Every topic with `dlq.enable=true`. */
  topics: LocalSweptTopic[];
}

export interface LocalDeadLetters {
  status(): LocalSweeperStatus;
  /** Runs a sweep now (after the one running, if any) and resolves with the status after it. */
  sweepNow(): Promise<{ status: LocalSweeperStatus }>;
  /** Calls `listener` after every sweep that moved records, until the returned function is called. */
  onSweep(listener: () => void): () => void;
}
