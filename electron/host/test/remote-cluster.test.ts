/**
 * The remote cluster (cluster/remote/) against our broker over real TCP, for what the shared
 * contract suite does not look at: fetched batches are byte for byte what the broker stores, and
 * come from the partition's leader (not the bootstrap address); offsets for a time; the sink's
 * acks=-1 produce is idempotent (the stored batch has a producer id, and a send whose answer was
 * lost is stored once when sent again); browsing joins no consumer
 * group; SASL_SSL with SCRAM-SHA-256 (and a wrong password's clear refusal); TLS with the CA,
 * without it, and with verification skipped; an unreachable address named in the error.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch, compressRecordBatch, readStoredRecords } from '../../../broker-core/src/index';
import { startTempBroker, type TempBroker } from '../../../broker-core/test/support/temp-broker';
import { makeTestCertificates, type TestCertificates } from '../../../broker-core/test/support/test-certificates';
import { ClusterError } from '../cluster/cluster-admin';
import type { Cluster } from '../cluster/cluster';
import { RecordSinkError } from '../cluster/record-sink';
import { RecordSourceError } from '../cluster/record-source';
import { connectRemoteCluster } from '../cluster/remote/remote-cluster';
import type { RemoteConnection } from '../cluster/remote/remote-connection';
import { rejection } from './rejection';

const PRODUCER_ID_AT = 43;
const T0 = Date.UTC(2026, 0, 1);

interface Relay {
  port: number;
  /** The API key of every request that passed, in order. */
  apiKeys: number[];
  /** Where it relays to (a broker started after the relay, which advertises it). */
  target(port: number): void;
  close(): Promise<void>;
}

/**
 * A TCP relay to a broker that notes the API key of every request passing through it.
 * `loseFirstProduceAnswer`: the first Produce reaches the broker (which stores the batch), then
 * both connections are cut before its answer gets back.
 */
async function startRelay(targetPort: number, options: { loseFirstProduceAnswer?: boolean } = {}): Promise<Relay> {
  const apiKeys: number[] = [];
  const sockets = new Set<Socket>();
  let lost = false;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let cutNextAnswer = false;
    client.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 6 && pending.length >= 4 + pending.readInt32BE(0)) {
        const apiKey = pending.readInt16BE(4);
        apiKeys.push(apiKey);
        if (apiKey === 0 && options.loseFirstProduceAnswer && !lost) cutNextAnswer = lost = true;
        pending = pending.subarray(4 + pending.readInt32BE(0));
      }
      upstream.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('data', (chunk) => (cutNextAnswer ? end() : client.write(chunk)));
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    apiKeys,
    target: (port) => void (targetPort = port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const plaintext = (bootstrap: string): RemoteConnection => ({ bootstrapServers: [bootstrap], clientId: 'remote-cluster-test', securityProtocol: 'PLAINTEXT', connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 });

describe('remote cluster against our broker', () => {
  let certificates: TestCertificates;
  let temp: TempBroker;
  let cluster: Cluster;
  const portOf = (name: string) => temp.broker.endpoints.find((endpoint) => endpoint.name === name)!.port;

  beforeAll(async () => {
    certificates = makeTestCertificates();
    temp = await startTempBroker({
      logger: { info() {}, warn() {}, error() {} },
      config: {
        listeners: 'PLAINTEXT://:0,SSL://:0,SASL_SSL://:0',
        'ssl.keystore.location': certificates.keyStore,
        'sasl.users': 'alice:alice-secret',
      },
    });
    const logs = temp.broker.logs;
    logs.createTopic('browse', { partitions: 2 });
    for (let i = 0; i < 3; i++) {
      const records = [0, 1].map((j) => ({ key: Buffer.from(`k${i}-${j}`), value: Buffer.from(`v${i}-${j}`), timestamp: T0 + (2 * i + j) * 1000 }));
      await logs.append('browse', 0, buildRecordBatch(records), { acks: -1 });
    }
    await logs.append('browse', 1, await compressRecordBatch(buildRecordBatch([{ value: Buffer.from('x'.repeat(2000)), timestamp: T0 }]), 'gzip'), { acks: -1 });
    cluster = await connectRemoteCluster(plaintext(temp.bootstrap));
  });
  afterAll(async () => {
    await cluster?.close();
    await temp?.stop();
    certificates?.remove();
  });

  it('is a remote cluster, with no local part', () => {
    expect(cluster.kind).toBe('remote');
    expect(cluster.local).toBeUndefined();
  });

  it('fetch returns the stored batches byte for byte, compressed ones included', async () => {
    for (const [partition, offset] of [
      [0, 0],
      [0, 3],
      [1, 0],
    ] as const) {
      const stored = temp.broker.logs.read('browse', partition, offset, 1 << 20);
      const fetched = await cluster.records.fetch('browse', partition, offset, 1 << 20);
      expect(fetched.batches.length).toBeGreaterThan(0);
      expect(fetched.batches.equals(stored.records)).toBe(true);
      expect(fetched.highWatermark).toBe(stored.highWatermark);
      expect(fetched.logStartOffset).toBe(stored.logStartOffset);
    }
    expect(readStoredRecords((await cluster.records.fetch('browse', 1, 0, 1 << 20)).batches).records[0]!.compression).toBe('gzip');
  });

  it('fetch hands out whole batches only, and an empty buffer at the high watermark', async () => {
    const small = await cluster.records.fetch('browse', 0, 0, 10);
    const first = temp.broker.logs.read('browse', 0, 0, 1 << 20).records;
    const firstBatchLength = 12 + first.readInt32BE(8);
    expect(small.batches.equals(first.subarray(0, firstBatchLength))).toBe(true);
    const end = await cluster.records.fetch('browse', 0, 6, 1 << 20);
    expect(end.batches.length).toBe(0);
    expect(end.highWatermark).toBe(6);
  });

  it('partitionOffsets and offsetForTime come from ListOffsets', async () => {
    expect(await cluster.records.partitionOffsets('browse')).toEqual([
      { partition: 0, logStartOffset: 0, highWatermark: 6 },
      { partition: 1, logStartOffset: 0, highWatermark: 1 },
    ]);
    expect(await cluster.records.offsetForTime('browse', 0, T0)).toBe(0);
    expect(await cluster.records.offsetForTime('browse', 0, T0 + 2500)).toBe(3);
    expect(await cluster.records.offsetForTime('browse', 0, T0 + 5000)).toBe(5);
    expect(await cluster.records.offsetForTime('browse', 0, T0 + 60_000)).toBeNull();
  });

  it('reading goes to the leader the metadata names, not to the bootstrap address', async () => {
    const relay = await startRelay(temp.broker.port);
    const viaRelay = await connectRemoteCluster(plaintext(`127.0.0.1:${relay.port}`));
    try {
      const fetched = await viaRelay.records.fetch('browse', 0, 0, 1 << 20);
      expect(fetched.batches.equals(temp.broker.logs.read('browse', 0, 0, 1 << 20).records)).toBe(true);
      await viaRelay.records.partitionOffsets('browse');
      await viaRelay.records.offsetForTime('browse', 0, T0);
      expect(relay.apiKeys).toContain(3); // Metadata went to the bootstrap address
      expect(relay.apiKeys).not.toContain(1); // Fetch did not
      expect(relay.apiKeys).not.toContain(2); // nor ListOffsets
    } finally {
      await viaRelay.close();
      await relay.close();
    }
  });

  it('browsing leaves no consumer group on the cluster', async () => {
    await cluster.records.partitionOffsets('browse');
    await cluster.records.fetch('browse', 0, 0, 1 << 20);
    await cluster.records.offsetForTime('browse', 1, T0);
    expect(temp.broker.groups.listGroupOverviews()).toEqual([]);
    expect(await cluster.admin.listGroups()).toEqual([]);
  });

  it('a consumer group is described with its members\' assignments, decoded from the consumer protocol', async () => {
    const consumer = new Kafka({ brokers: [temp.bootstrap], logLevel: logLevel.NOTHING }).consumer({ groupId: 'readers' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'browse', fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      void consumer.run({ eachMessage: async () => {} });
      await joined;
      expect(await cluster.admin.listGroups()).toEqual([{ groupId: 'readers', state: 'Stable', protocolType: 'consumer' }]);
      const group = await cluster.admin.describeGroup('readers');
      expect(group).toMatchObject({ groupId: 'readers', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
      expect(group.members).toHaveLength(1);
      expect(group.members[0]!.assignment).toEqual([{ topic: 'browse', partitions: [0, 1] }]);
    } finally {
      await consumer.disconnect();
    }
    expect(await rejection(cluster.admin.describeGroup('nobody'))).toMatchObject({ name: 'ClusterError', code: 'GROUP_ID_NOT_FOUND' });
  });

  it('CreateTopics goes to the controller: validate-only creates nothing, a refusal carries Kafka\'s name and the broker\'s message', async () => {
    expect(await cluster.admin.createTopic('validated', { partitions: 2, validateOnly: true })).toEqual({ name: 'validated', topicId: null, partitions: 2 });
    expect(temp.broker.logs.hasTopic('validated')).toBe(false);
    const created = await cluster.admin.createTopic('created', { partitions: 2, configs: { 'retention.ms': '3600000' } });
    expect(created).toMatchObject({ name: 'created', partitions: 2 });
    expect(created.topicId).toBe((await cluster.admin.describeTopic('created')).topicId);
    expect(created.topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await cluster.admin.topicOverrides(['created', 'browse', 'no-such-topic'])).toEqual(new Map([['created', { 'retention.ms': '3600000' }], ['browse', {}]]));
    expect(await cluster.admin.topicOffsets(['browse', 'created', 'no-such-topic'])).toEqual(
      new Map([
        ['browse', await cluster.records.partitionOffsets('browse')],
        ['created', [0, 1].map((partition) => ({ partition, logStartOffset: 0, highWatermark: 0 }))],
      ]),
    );
    expect((await cluster.admin.describeTopic('created')).partitions.map((partition) => partition.partition)).toEqual([0, 1]);
    expect((await cluster.admin.describeTopicConfigs('created')).find((entry) => entry.name === 'retention.ms')).toMatchObject({ value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG' });
    const exists = await rejection(cluster.admin.createTopic('created', { partitions: 1 }));
    expect(exists).toMatchObject({ name: 'ClusterError', code: 'TOPIC_ALREADY_EXISTS' });
    expect(exists.message).toContain("'created' already exists");
    const invalid = await rejection(cluster.admin.createTopic('invalid', { partitions: 1, configs: { 'retention.ms': 'soon' } }));
    expect(invalid).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(invalid.message).toContain('"soon"');
  });

  it('missing topics, partitions and offsets are RecordSourceErrors', async () => {
    expect(await rejection(cluster.records.fetch('no-such-topic', 0, 0, 1000))).toMatchObject({ name: 'RecordSourceError', code: 'UNKNOWN_TOPIC' });
    expect(await rejection(cluster.records.partitionOffsets('no-such-topic'))).toMatchObject({ code: 'UNKNOWN_TOPIC' });
    expect(await rejection(cluster.records.fetch('browse', 7, 0, 1000))).toMatchObject({ code: 'UNKNOWN_PARTITION' });
    expect(await rejection(cluster.records.offsetForTime('browse', 7, T0))).toMatchObject({ code: 'UNKNOWN_PARTITION' });
    const outOfRange = await rejection(cluster.records.fetch('browse', 0, 1000, 1000));
    expect(outOfRange).toBeInstanceOf(RecordSourceError);
    expect(outOfRange).toMatchObject({ code: 'OFFSET_OUT_OF_RANGE' });
  });

  it('the sink produces idempotently with acks=-1: the stored batch carries a producer id', async () => {
    temp.broker.logs.createTopic('produced', { partitions: 3 });
    expect(await cluster.sink.topicLayout('produced')).toEqual({ partitions: 3, maxBatchBytes: temp.broker.logs.effectiveConfig('produced').maxMessageBytes });
    const headers = [
      { key: 'h', value: Buffer.from('1') },
      { key: 'h', value: Buffer.from('2') },
      { key: 'empty', value: null },
    ];
    const batch = buildRecordBatch([{ key: Buffer.from('a'), value: Buffer.from('one'), headers, timestamp: T0 }, { key: null, value: null, timestamp: T0 + 5 }]);
    const first = await cluster.sink.append('produced', 2, batch, -1);
    expect(first).toEqual({ baseOffset: 0, recordCount: 2 });
    const second = await cluster.sink.append('produced', 2, buildRecordBatch([{ value: Buffer.from('two'), timestamp: T0 + 10 }]), -1);
    expect(second).toEqual({ baseOffset: 2, recordCount: 1 });

    const stored = temp.broker.logs.read('produced', 2, 0, 1 << 20).records;
    expect(stored.readBigInt64BE(PRODUCER_ID_AT)).toBeGreaterThanOrEqual(0n);
    const records = readStoredRecords(stored).records;
    expect(records.map((record) => [record.offset, record.key?.toString() ?? null, record.value?.toString() ?? null, record.timestamp])).toEqual([
      [0, 'a', 'one', T0],
      [1, null, null, T0 + 5],
      [2, null, 'two', T0 + 10],
    ]);
    expect(records[0]!.headers.map((header) => [header.key, header.value?.toString() ?? null])).toEqual([
      ['h', '1'],
      ['h', '2'],
      ['empty', null],
    ]);
    expect(records[0]!.producerId).toBeGreaterThanOrEqual(0);
    expect(records[2]!.producerId).toBe(records[0]!.producerId);
    expect(records[2]!.sequence).toBe(2);
  });

  it('the sink keeps the batch compression, and acks=1 and acks=0 are plain sends', async () => {
    temp.broker.logs.createTopic('produced-acks', { partitions: 1 });
    const compressed = await compressRecordBatch(buildRecordBatch([{ value: Buffer.from('gz'.repeat(100)), timestamp: T0 }]), 'gzip');
    expect(await cluster.sink.append('produced-acks', 0, compressed, 1)).toEqual({ baseOffset: 0, recordCount: 1 });
    await cluster.sink.append('produced-acks', 0, buildRecordBatch([{ value: Buffer.from('fire and forget'), timestamp: T0 }]), 0);
    await expect.poll(() => temp.broker.logs.read('produced-acks', 0, 0, 1 << 20).highWatermark).toBe(2);
    const records = readStoredRecords(temp.broker.logs.read('produced-acks', 0, 0, 1 << 20).records).records;
    expect(records.map((record) => [record.compression, record.producerId, record.value?.toString()])).toEqual([
      ['gzip', -1, 'gz'.repeat(100)],
      ['none', -1, 'fire and forget'],
    ]);
  });

  it('the sink writes to a partition added after it last produced to the topic, not to another one', async () => {
    temp.broker.logs.createTopic('grows', { partitions: 1 });
    await cluster.sink.append('grows', 0, buildRecordBatch([{ value: Buffer.from('first') }]), -1);
    await cluster.admin.createPartitions('grows', 3);
    expect(await cluster.sink.append('grows', 2, buildRecordBatch([{ value: Buffer.from('third') }]), -1)).toEqual({ baseOffset: 0, recordCount: 1 });
    expect(readStoredRecords(temp.broker.logs.read('grows', 2, 0, 1 << 20).records).records.map((record) => record.value?.toString())).toEqual(['third']);
    expect(temp.broker.logs.read('grows', 0, 0, 1 << 20).highWatermark).toBe(1);
  });

  it('the sink refuses a partition or topic that does not exist', async () => {
    const batch = buildRecordBatch([{ value: Buffer.from('x') }]);
    const partition = await rejection(cluster.sink.append('produced', 9, batch, -1));
    expect(partition).toBeInstanceOf(RecordSinkError);
    expect(partition).toMatchObject({ code: 'UNKNOWN_PARTITION' });
    expect(await rejection(cluster.sink.append('no-such-topic', 0, batch, -1))).toMatchObject({ code: 'UNKNOWN_TOPIC' });
    expect(await rejection(cluster.sink.topicLayout('no-such-topic'))).toMatchObject({ code: 'UNKNOWN_TOPIC' });
  });

  it('an address nobody listens on is UNAVAILABLE, naming it', async () => {
    const relay = await startRelay(temp.broker.port);
    const closedPort = relay.port;
    await relay.close();
    const error = await rejection(connectRemoteCluster({ ...plaintext(`127.0.0.1:${closedPort}`), connectTimeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(error.message).toContain(`127.0.0.1:${closedPort}`);
  });

  describe('security', () => {
    const sasl = (password: string): RemoteConnection => ({
      bootstrapServers: [`localhost:${portOf('SASL_SSL')}`],
      clientId: 'remote-cluster-test',
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'alice', password },
      tls: { ca: certificates.caPem },
      connectTimeoutMs: 5_000,
    });
    const ssl = (tls: RemoteConnection['tls']): RemoteConnection => ({ bootstrapServers: [`localhost:${portOf('SSL')}`], clientId: 'remote-cluster-test', securityProtocol: 'SSL', tls, connectTimeoutMs: 5_000 });

    it('SASL_SSL with SCRAM-SHA-256 reads and writes', async () => {
      const secure = await connectRemoteCluster(sasl('alice-secret'));
      try {
        expect((await secure.admin.listTopics()).map((topic) => topic.name)).toContain('browse');
        const fetched = await secure.records.fetch('browse', 0, 0, 1 << 20);
        expect(fetched.batches.equals(temp.broker.logs.read('browse', 0, 0, 1 << 20).records)).toBe(true);
        temp.broker.logs.createTopic('secure-produced', { partitions: 1 });
        expect(await secure.sink.append('secure-produced', 0, buildRecordBatch([{ value: Buffer.from('s') }]), -1)).toEqual({ baseOffset: 0, recordCount: 1 });
        expect(temp.broker.connections().some((connection) => connection.principal === 'User:alice' && connection.securityProtocol === 'SASL_SSL')).toBe(true);
      } finally {
        await secure.close();
      }
    });

    it('a wrong SCRAM password is a ClusterError saying authentication failed', async () => {
      const error = await rejection(connectRemoteCluster(sasl('Wr0ng-P4ss')));
      expect(error).toBeInstanceOf(ClusterError);
      expect(error).toMatchObject({ code: 'SASL_AUTHENTICATION_FAILED' });
      expect(error.message).toMatch(/invalid credentials/i);
      expect(error.message).not.toContain('Wr0ng-P4ss');
    });

    it('TLS: accepted with the CA, refused without it, accepted with verification skipped', async () => {
      const withCa = await connectRemoteCluster(ssl({ ca: certificates.caPem }));
      expect((await withCa.admin.describeCluster()).brokers).toHaveLength(1);
      await withCa.close();

      const refused = await rejection(connectRemoteCluster(ssl(undefined)));
      expect(refused).toBeInstanceOf(ClusterError);
      expect(refused).toMatchObject({ code: 'UNAVAILABLE' });
      expect(refused.message).toMatch(/certificate/i);
      expect(refused.message).toContain(`localhost:${portOf('SSL')}`);

      const skipped = await connectRemoteCluster(ssl({ skipVerify: true }));
      expect((await skipped.records.partitionOffsets('browse'))[0]).toEqual({ partition: 0, logStartOffset: 0, highWatermark: 6 });
      await skipped.close();
    });
  });
});

describe('remote cluster over mutual TLS', () => {
  it('connects, reads and writes with a client certificate; without one the broker closes the connection, and the error says what that likely means', async () => {
    const certificates = makeTestCertificates();
    const temp = await startTempBroker({
      logger: { info() {}, warn() {}, error() {} },
      config: { listeners: 'SSL://:0', 'ssl.keystore.location': certificates.keyStore, 'ssl.client.auth': 'required', 'ssl.truststore.location': certificates.caFile },
    });
    const mtls = (tls: RemoteConnection['tls']): RemoteConnection => ({ bootstrapServers: [`localhost:${temp.broker.port}`], clientId: 'remote-cluster-test', securityProtocol: 'SSL', tls, connectTimeoutMs: 5_000 });
    try {
      temp.broker.logs.createTopic('mtls', { partitions: 1 });
      const withCertificate = await connectRemoteCluster(mtls({ ca: certificates.caPem, cert: certificates.clientCertificate, key: certificates.clientKey }));
      try {
        expect(await withCertificate.sink.append('mtls', 0, buildRecordBatch([{ value: Buffer.from('signed'), timestamp: T0 }]), -1)).toEqual({ baseOffset: 0, recordCount: 1 });
        expect(readStoredRecords((await withCertificate.records.fetch('mtls', 0, 0, 1 << 20)).batches).records.map((record) => record.value?.toString())).toEqual(['signed']);
      } finally {
        await withCertificate.close();
      }
      const without = await rejection(connectRemoteCluster(mtls({ ca: certificates.caPem })));
      expect(without).toBeInstanceOf(ClusterError);
      expect(without).toMatchObject({ code: 'UNAVAILABLE' });
      expect(without.message).toContain(`localhost:${temp.broker.port}`);
      expect(without.message).toContain('If the cluster requires a client certificate (mutual TLS), add the certificate and its key to the connection');
    } finally {
      await temp.stop();
      certificates.remove();
    }
  });
});

describe('the remote sink when an answer is lost', () => {
  it('a batch whose answer never came is stored once when sent again: the same producer id and sequence, which the broker recognises', async () => {
    const relay = await startRelay(0, { loseFirstProduceAnswer: true });
    const temp = await startTempBroker({ logger: { info() {}, warn() {}, error() {} }, config: { listeners: 'PLAINTEXT://:0', 'advertised.listeners': `PLAINTEXT://127.0.0.1:${relay.port}` } });
    relay.target(temp.broker.port);
    const cluster = await connectRemoteCluster(plaintext(`127.0.0.1:${relay.port}`));
    try {
      temp.broker.logs.createTopic('lost-answer', { partitions: 1 });
      const batch = buildRecordBatch([{ value: Buffer.from('once'), timestamp: T0 }]);
      const lost = await rejection(cluster.sink.append('lost-answer', 0, batch, -1));
      expect(lost).toBeInstanceOf(RecordSinkError);
      expect((lost as RecordSinkError).code).toBe('UNAVAILABLE');
      // The broker stored it although the answer was lost.
      expect(temp.broker.logs.read('lost-answer', 0, 0, 1 << 20).highWatermark).toBe(1);

      expect(await cluster.sink.append('lost-answer', 0, batch, -1)).toEqual({ baseOffset: 0, recordCount: 1 });
      expect(relay.apiKeys.filter((key) => key === 0)).toHaveLength(2);
      const next = await cluster.sink.append('lost-answer', 0, buildRecordBatch([{ value: Buffer.from('next'), timestamp: T0 }]), -1);
      expect(next).toEqual({ baseOffset: 1, recordCount: 1 });
      const records = readStoredRecords(temp.broker.logs.read('lost-answer', 0, 0, 1 << 20).records).records;
      expect(records.map((record) => [record.offset, record.value?.toString(), record.sequence])).toEqual([
        [0, 'once', 0],
        [1, 'next', 1],
      ]);
    } finally {
      await cluster.close();
      await temp.stop();
      await relay.close();
    }
  });
});
