/**
 * What only the embedded broker knows (cluster.ts's `LocalClusterDetails`), read from its logs:
 * a partition's bytes and segments on disk, its last append time and why it is offline, and when
 * a topic was created. Synchronous reads of the log manager's in-memory state; an unknown topic or
 * partition is a ClusterError UNKNOWN_TOPIC_OR_PARTITION.
 *
 * And its dead-letter sweeper (`broker.deadLetters`), as the host's `LocalDeadLetters`
 * (local-dead-letters.ts): its status, a sweep now, a call after each sweep that moved records.
 */
import type { DeadLetterSweeper, LogManager } from '../../../../broker-core/src/index';
import type { LocalClusterDetails } from '../cluster';
import type { LocalDeadLetters } from '../local-dead-letters';
import { asCluster } from './embedded-errors';

function localDeadLetters(sweeper: DeadLetterSweeper): LocalDeadLetters {
  return {
    status: () => sweeper.status(),
    sweepNow: async () => ({ status: (await sweeper.sweepNow()).status }),
    onSweep: (listener) => sweeper.onSweep(() => listener()),
  };
}

export function embeddedLocalDetails(logs: LogManager, sweeper?: DeadLetterSweeper): LocalClusterDetails {
  return {
    partition(topic, partition) {
      return asCluster(() => {
        const stats = logs.partitionStats(topic, partition);
        return { bytes: stats.bytes, segments: stats.segments, lastAppendTime: stats.lastAppendTime, offlineReason: stats.offlineReason };
      });
    },
    topicCreatedAt(topic) {
      return asCluster(() => logs.describeTopic(topic).createdAt);
    },
    ...(sweeper ? { deadLetters: localDeadLetters(sweeper) } : {}),
  };
}
