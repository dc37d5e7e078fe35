/**
 * What only the embedded broker knows (cluster.ts's `LocalClusterDetails`), read from its logs:
 * a partition's bytes and segments on disk, its last append time and why it is offline, and when
 * a topic was created. Synchronous reads of the log manager's in-memory state; an unknown topic or
 * partition is a ClusterError UNKNOWN_TOPIC_OR_PARTITION.
 */
import type { LogManager } from '../../../../broker-core/src/index';
import type { LocalClusterDetails } from '../cluster';
import { asCluster } from './embedded-errors';

export function embeddedLocalDetails(logs: LogManager): LocalClusterDetails {
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
  };
}
