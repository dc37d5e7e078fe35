/**
 * DescribeLogDirs (key 35), v0–v4: the broker has one log directory, its data directory (absolute
 * path). Per partition asked for (every partition when `topics` is null): its size on disk (all
 * segment bytes), offset lag 0 and no future replica (one replica, no reassignment). Partitions
 * that do not exist are left out, as Kafka leaves out partitions it does not host. v4 adds the
 * file system's total and usable bytes (statfs); if the directory cannot be read, it is reported
 * with KAFKA_STORAGE_ERROR and no topics.
 */
import { statfs } from 'node:fs/promises';
import type { BrokerState } from '../cluster/broker-state';
import { ErrorCode } from '../protocol/generated/errors';
import {
  DescribeLogDirsApi,
  type DescribeLogDirsRequestDescribableLogDirTopic,
  type DescribeLogDirsResponseDescribeLogDirsResult,
  type DescribeLogDirsResponseDescribeLogDirsTopic,
} from '../protocol/generated/index';
import { defineHandler } from './api-handler';
import { kafkaFailure } from './storage-error-code';

/** The partitions asked for that exist, by topic, in the order asked (each once). */
function wantedPartitions(broker: BrokerState, topics: DescribeLogDirsRequestDescribableLogDirTopic[] | null): Map<string, Set<number>> {
  const wanted = new Map<string, Set<number>>();
  if (topics === null) {
    for (const topic of broker.logs.topics()) wanted.set(topic.name, new Set(Array.from({ length: topic.partitions }, (_, index) => index)));
    return wanted;
  }
  for (const { topic, partitions } of topics) {
    if (!broker.logs.hasTopic(topic)) continue;
    const count = broker.logs.describeTopic(topic).partitions;
    const indexes = wanted.get(topic) ?? new Set<number>();
    for (const index of partitions) if (index >= 0 && index < count) indexes.add(index);
    if (indexes.size > 0) wanted.set(topic, indexes);
  }
  return wanted;
}

function describeTopics(broker: BrokerState, wanted: Map<string, Set<number>>): DescribeLogDirsResponseDescribeLogDirsTopic[] {
  return [...wanted].map(([name, indexes]) => ({
    name,
    partitions: [...indexes].map((partitionIndex) => ({
      partitionIndex,
      partitionSize: BigInt(broker.logs.partitionStats(name, partitionIndex).bytes),
      offsetLag: 0n,
      isFutureKey: false,
    })),
  }));
}

async function describeLogDir(broker: BrokerState, topics: DescribeLogDirsRequestDescribableLogDirTopic[] | null): Promise<DescribeLogDirsResponseDescribeLogDirsResult> {
  const logDir = broker.logs.dataDir;
  try {
    const space = await statfs(logDir, { bigint: true });
    return {
      errorCode: ErrorCode.NONE,
      logDir,
      topics: describeTopics(broker, wantedPartitions(broker, topics)),
      totalBytes: space.blocks * space.bsize,
      usableBytes: space.bavail * space.bsize,
    };
  } catch (error) {
    const failure = kafkaFailure(error, broker.logger, `describing log directory ${logDir}`);
    const errorCode = failure.errorCode === ErrorCode.UNKNOWN_SERVER_ERROR ? ErrorCode.KAFKA_STORAGE_ERROR : failure.errorCode;
    return { errorCode, logDir, topics: [], totalBytes: -1n, usableBytes: -1n };
  }
}

export const describeLogDirsHandler = defineHandler({
  api: DescribeLogDirsApi,
  minVersion: 0,
  maxVersion: 4,
  async handle(request, { broker }) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, results: [await describeLogDir(broker, request.topics)] };
  },
});
