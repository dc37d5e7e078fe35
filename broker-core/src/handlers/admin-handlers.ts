/**
 * The admin APIs, registered together by the request router: topics (create, delete, add
 * partitions), configs (describe, alter, incremental alter), records (delete), log directories
 * (describe) and OffsetForLeaderEpoch. Each serves one contiguous version range up to what Kafka
 * 3.9 serves; ApiVersions advertises exactly these ranges.
 */
import { alterConfigsHandler } from './alter-configs-handler';
import type { ApiHandler } from './api-handler';
import { createPartitionsHandler } from './create-partitions-handler';
import { createTopicsHandler } from './create-topics-handler';
import { deleteRecordsHandler } from './delete-records-handler';
import { deleteTopicsHandler } from './delete-topics-handler';
import { describeConfigsHandler } from './describe-configs-handler';
import { describeLogDirsHandler } from './describe-log-dirs-handler';
import { incrementalAlterConfigsHandler } from './incremental-alter-configs-handler';
import { offsetForLeaderEpochHandler } from './offset-for-leader-epoch-handler';

export const adminHandlers: ApiHandler[] = [
  createTopicsHandler,
  deleteTopicsHandler,
  createPartitionsHandler,
  describeConfigsHandler,
  alterConfigsHandler,
  incrementalAlterConfigsHandler,
  deleteRecordsHandler,
  describeLogDirsHandler,
  offsetForLeaderEpochHandler,
] as ApiHandler[];
