/**
 * The real clients the golden-fixture capture drives, each through short scenarios (metadata,
 * produce, consume, admin, …). A scenario only has to make the client talk: its outcome does not
 * matter (against a broker that does not serve an API yet it fails, and that is fine), and every
 * run is bounded in time.
 *
 * kcat and the two Python libraries run as processes (Debian's /usr/bin/python3, not the one on
 * PATH); kafkajs and @platformatic/kafka run in this process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  Admin,
  Connection,
  Consumer,
  Producer,
  describeClusterV0,
  describeClusterV1,
  fetchV12,
  fetchV13,
  fetchV14,
  fetchV15,
  fetchV16,
  listOffsetsV5,
  listOffsetsV6,
  listOffsetsV7,
  listOffsetsV8,
  listOffsetsV9,
  offsetForLeaderEpochV4,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { Kafka, logLevel } from 'kafkajs';

export type ClientName = 'kcat' | 'confluent-kafka' | 'kafka-python' | 'kafkajs' | 'platformatic';

export interface Scenario {
  client: ClientName;
  name: string;
  /** The client.id it sends. */
  clientId: string;
  run(bootstrap: string, topic: string, timeoutMs: number): Promise<void>;
}

const PYTHON = '/usr/bin/python3';
const PYTHON_CLIENT = fileURLToPath(new URL('./clients/python_client.py', import.meta.url));

/** Runs a program to its end or `timeoutMs`, then kills it; output is discarded. */
function runProgram(command: string, args: string[], timeoutMs: number, input = ''): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve();
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end(input);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Settles after `promise` or `timeoutMs`, whichever first; never rejects. */
async function bounded(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

function kcat(name: string, args: (bootstrap: string, topic: string) => string[], input = ''): Scenario {
  const clientId = 'golden-kcat';
  return {
    client: 'kcat',
    name,
    clientId,
    run: (bootstrap, topic, timeoutMs) =>
      runProgram('kcat', ['-b', bootstrap, '-X', `client.id=${clientId}`, '-m', String(Math.ceil(timeoutMs / 2000)), ...args(bootstrap, topic)], timeoutMs, input),
  };
}

function python(library: 'confluent-kafka' | 'kafka-python', name: string): Scenario {
  const clientId = `golden-${library}`;
  return {
    client: library,
    name,
    clientId,
    run: (bootstrap, topic, timeoutMs) => runProgram(PYTHON, [PYTHON_CLIENT, library, name, bootstrap, clientId, topic], timeoutMs),
  };
}

function kafkajs(name: string, body: (kafka: Kafka, topic: string) => Promise<unknown>): Scenario {
  const clientId = 'golden-kafkajs';
  return {
    client: 'kafkajs',
    name,
    clientId,
    run: async (bootstrap, topic, timeoutMs) => {
      const kafka = new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100 }, connectionTimeout: 3000, requestTimeout: 5000 });
      await bounded(body(kafka, topic), timeoutMs);
    },
  };
}

function platformatic(name: string, body: (bootstrap: string, clientId: string, topic: string) => Promise<unknown>): Scenario {
  const clientId = 'golden-platformatic';
  return { client: 'platformatic', name, clientId, run: (bootstrap, topic, timeoutMs) => bounded(body(bootstrap, clientId, topic), timeoutMs) };
}

/** One of @platformatic/kafka's per-version API functions (`api.async(connection, ...args)`). */
type DirectApi = { async: object };

/** Calls @platformatic/kafka API functions (one request each, at their own version) on one connection each. */
async function directCalls(bootstrap: string, clientId: string, calls: Array<[DirectApi, unknown[]]>): Promise<void> {
  const at = bootstrap.lastIndexOf(':');
  for (const [api, args] of calls) {
    const connection = new Connection(clientId);
    try {
      await connection.connect(bootstrap.slice(0, at), Number(bootstrap.slice(at + 1)));
      await bounded((api.async as (c: Connection, ...a: unknown[]) => Promise<unknown>)(connection, ...args), 3000);
    } catch {
      // The broker may close the connection: the request was still captured.
    } finally {
      await connection.close().catch(() => {});
    }
  }
}

async function closing<T extends { close(): Promise<void> }>(client: T, use: (client: T) => Promise<unknown>): Promise<void> {
  try {
    await use(client);
  } finally {
    await client.close().catch(() => {});
  }
}

export const SCENARIOS: Scenario[] = [
  kcat('metadata', (_b, topic) => ['-L', '-t', topic]),
  kcat('metadata-no-apiversions', (_b, topic) => ['-L', '-t', topic, '-X', 'api.version.request=false', '-X', 'broker.version.fallback=0.9.0']),
  kcat('produce', (_b, topic) => ['-P', '-t', topic, '-k', 'k'], 'golden value\n'),
  kcat('consume', (_b, topic) => ['-C', '-t', topic, '-o', 'beginning', '-c', '1', '-e']),
  python('confluent-kafka', 'metadata'),
  python('confluent-kafka', 'produce'),
  python('confluent-kafka', 'idempotent-produce'),
  python('confluent-kafka', 'consume'),
  python('confluent-kafka', 'admin'),
  python('confluent-kafka', 'group-admin'),
  python('kafka-python', 'metadata'),
  python('kafka-python', 'produce'),
  python('kafka-python', 'consume'),
  python('kafka-python', 'admin'),
  python('kafka-python', 'group-admin'),
  kafkajs('metadata', async (kafka, topic) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => {});
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }),
  kafkajs('produce', async (kafka, topic) => {
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'golden value' }] });
    } finally {
      await producer.disconnect();
    }
  }),
  kafkajs('admin', async (kafka, topic) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const name = `${topic}-admin`;
      await admin.createTopics({ topics: [{ topic: name, numPartitions: 1 }] }).catch(() => {});
      await admin.fetchTopicOffsets(name).catch(() => {});
      await admin.describeConfigs({ resources: [{ type: 2, name }], includeSynonyms: false }).catch(() => {});
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] }).catch(() => {});
      await admin.createPartitions({ topicPartitions: [{ topic: name, count: 2 }] }).catch(() => {});
      await admin.deleteTopicRecords({ topic: name, partitions: [{ partition: 0, offset: '0' }] }).catch(() => {});
      await admin.deleteTopics({ topics: [name] }).catch(() => {});
    } finally {
      await admin.disconnect();
    }
  }),
  kafkajs('group', async (kafka, topic) => {
    // Join (FindCoordinator, JoinGroup, SyncGroup, OffsetFetch), heartbeat, commit, leave.
    const consumer = kafka.consumer({ groupId: 'golden-group-kafkajs', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200, retry: { retries: 0 } });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      let joined!: () => void;
      const done = new Promise<void>((resolve) => (joined = resolve));
      consumer.on(consumer.events.GROUP_JOIN, () => joined());
      await consumer.run({ autoCommit: false, eachMessage: async () => {} });
      await Promise.race([done, delay(7000)]);
      await consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]).catch(() => {});
      await delay(1000); // heartbeats
    } finally {
      await bounded(consumer.disconnect(), 3000);
    }
  }),
  kafkajs('group-admin', async (kafka, topic) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groupId = 'golden-group-kafkajs';
      const calls: Array<() => Promise<unknown>> = [
        () => admin.listGroups(),
        () => admin.describeGroups([groupId]),
        () => admin.fetchOffsets({ groupId, topics: [topic] }),
        () => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }),
        () => admin.resetOffsets({ groupId, topic, earliest: true }),
        () => admin.deleteGroups([groupId]),
      ];
      for (const call of calls) await bounded(call(), 3000);
    } finally {
      await admin.disconnect();
    }
  }),
  platformatic('metadata', (bootstrap, clientId, topic) =>
    closing(new Admin({ clientId, bootstrapBrokers: [bootstrap], retries: 0 }), (admin) => admin.metadata({ topics: [topic] })),
  ),
  platformatic('describe-cluster', (bootstrap, clientId) =>
    // No @platformatic/kafka client method sends DescribeCluster; its own API functions do.
    directCalls(bootstrap, clientId, [
      [describeClusterV0.api, [false, 1]],
      [describeClusterV1.api, [false, 1]],
    ]),
  ),
  platformatic('produce', (bootstrap, clientId, topic) =>
    closing(new Producer({ clientId, bootstrapBrokers: [bootstrap], serializers: stringSerializers, retries: 0, autocreateTopics: true }), (producer) =>
      producer.send({ messages: [{ topic, key: 'k', value: 'golden value' }] }),
    ),
  ),
  platformatic('consume', (bootstrap, clientId, topic) =>
    // Join (FindCoordinator, JoinGroup, SyncGroup, OffsetFetch), heartbeat, commit, leave.
    closing(new Consumer({ clientId, groupId: 'golden-group-platformatic', bootstrapBrokers: [bootstrap], deserializers: stringDeserializers, retries: 0 }), async (consumer) => {
      consumer.on('error', () => {});
      // The callback form, to listen for the stream's errors (e.g. no usable ListOffsets version in
      // a capped run) before the first one is emitted.
      const stream = await new Promise<Awaited<ReturnType<typeof consumer.consume>>>((resolve, reject) =>
        consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false, sessionTimeout: 6000, heartbeatInterval: 300 }, (error, created) => {
          created?.on('error', () => {});
          if (error) reject(error);
          else resolve(created!);
        }),
      );
      await new Promise<void>((resolve) => {
        stream.once('data', (message: { commit(callback: () => void): void }) => message.commit(() => resolve()));
        setTimeout(resolve, 6000).unref();
      });
      await delay(1000); // heartbeats
      await stream.close().catch(() => {});
    }),
  ),
  platformatic('group-admin', (bootstrap, clientId, topic) =>
    closing(new Admin({ clientId, bootstrapBrokers: [bootstrap], retries: 0 }), async (admin) => {
      const groupId = 'golden-group-platformatic';
      // Each call may fail against a broker that does not serve it; the request is what counts.
      const calls: Array<() => Promise<unknown>> = [
        () => admin.findCoordinator({ keyType: 0, keys: [groupId] }),
        () => admin.listGroups(),
        () => admin.describeGroups({ groups: [groupId] }),
        () => admin.listConsumerGroupOffsets({ groups: [groupId] }),
        () => admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets: [{ partition: 0, offset: 0n }] }] }),
        () => admin.deleteConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionIndexes: [0] }] }),
        () => admin.removeMembersFromConsumerGroup({ groupId, members: [{ memberId: 'golden-gone-member' }] }),
        () => admin.deleteGroups({ groups: [groupId] }),
      ];
      for (const call of calls) await bounded(call(), 3000);
    }),
  ),
  platformatic('fetch-direct', async (bootstrap, clientId, topic) => {
    // Fetch v12+, ListOffsets v5+ and OffsetForLeaderEpoch v4 as @platformatic/kafka's own API
    // functions encode them (its consumer needs consumer groups first). Fetch v13+ names the topic
    // by id: ask Metadata for it.
    let topicId = '';
    await closing(new Admin({ clientId, bootstrapBrokers: [bootstrap], retries: 0 }), async (admin) => {
      topicId = (await admin.metadata({ topics: [topic] })).topics.get(topic)?.id ?? '';
    });
    const partitions = [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, partitionMaxBytes: 1048576 }];
    const fetchArgs = (byId: boolean) => [0, 1, 1048576, 0, 0, -1, [{ topicId: byId ? topicId : topic, partitions }], [], ''];
    const listArgs = [-1, 0, [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }]];
    await directCalls(bootstrap, clientId, [
      [fetchV12.api, fetchArgs(false)],
      ...[fetchV13, fetchV14, fetchV15, fetchV16].map((api) => [api.api, fetchArgs(true)] as [DirectApi, unknown[]]),
      ...[listOffsetsV5, listOffsetsV6, listOffsetsV7, listOffsetsV8, listOffsetsV9].map((api) => [api.api, listArgs] as [DirectApi, unknown[]]),
      [offsetForLeaderEpochV4.api, [-1, [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }] }]]],
    ]);
  }),
  platformatic('admin', (bootstrap, clientId, topic) =>
    closing(new Admin({ clientId, bootstrapBrokers: [bootstrap], retries: 0 }), async (admin) => {
      const name = `${topic}-admin`;
      const topicResource = { resourceType: 2, resourceName: name };
      // Each call may fail against a broker that does not serve it; the request is what counts.
      const calls: Array<() => Promise<unknown>> = [
        () => admin.createTopics({ topics: [name], partitions: 1, replicas: 1 }),
        () => admin.createPartitions({ topics: [{ name, count: 2, assignments: [] }] } as never),
        () => admin.describeConfigs({ resources: [{ ...topicResource, configurationKeys: ['retention.ms'] }] } as never),
        () => admin.alterConfigs({ resources: [{ ...topicResource, configs: [{ name: 'retention.ms', value: '86400000' }] }] } as never),
        () => admin.incrementalAlterConfigs({ resources: [{ ...topicResource, configs: [{ name: 'retention.ms', configOperation: 0, value: '3600000' }] }] } as never),
        () => admin.describeLogDirs({ topics: [{ name, partitions: [0] }] } as never),
        () => admin.deleteRecords({ topics: [{ name, partitions: [{ partition: 0, offset: 0n }] }] } as never),
        () => admin.deleteTopics({ topics: [name] }),
      ];
      for (const call of calls) await bounded(call(), 3000);
    }),
  ),
];
