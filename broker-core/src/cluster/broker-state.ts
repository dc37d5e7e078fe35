/**
 * What request handlers know about the broker they run in. Filled once at start-up (the port is
 * known only after binding) and read by every handler; the topic logs, and (later) groups.
 */
import type { BrokerLogger } from '../broker-api';
import type { BrokerConfig } from '../config/broker-config';
import type { AppendWaiters } from '../fetch/append-waiters';
import type { GroupCoordinator } from '../groups/group-coordinator';
import type { LogManager } from '../storage/log-manager';
import type { ReadBufferPool } from '../storage/read-buffer-pool';
import type { ProducerIdAllocator } from '../producers/producer-id-allocator';

export interface BrokerState {
  readonly clusterId: string;
  readonly nodeId: number;
  readonly advertisedHost: string;
  port: number;
  readonly config: BrokerConfig;
  readonly version: string;
  readonly producerIds: ProducerIdAllocator;
  readonly logs: LogManager;
  readonly appendWaiters: AppendWaiters;
  /** Memory for Fetch reads, reused once each response is sent. */
  readonly readBuffers: ReadBufferPool;
  readonly groups: GroupCoordinator;
  readonly logger: BrokerLogger;
  /** Set once stop() begins: parked requests answer with what they have. */
  stopping: boolean;
}
