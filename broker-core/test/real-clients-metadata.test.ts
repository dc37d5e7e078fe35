/**
 * Real Kafka clients against a real broker over loopback TCP: each lists the broker, the cluster
 * id and the controller. (Integration tier: kcat/librdkafka, kafkajs, kafka-python.)
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from './support/run-process';
import { startTempBroker, type TempBroker } from './support/temp-broker';

describe('real clients see the broker', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
  });
  afterAll(() => temp.stop());

  it('kcat -L lists the broker', async () => {
    const result = await runProcess('kcat', ['-L', '-b', temp.bootstrap, '-m', '10'], { timeoutMs: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Metadata for all topics (from broker ${temp.broker.nodeId}: localhost:${temp.broker.port}/${temp.broker.nodeId})`);
    expect(result.stdout).toContain(`1 brokers:`);
    expect(result.stdout).toContain(`broker ${temp.broker.nodeId} at localhost:${temp.broker.port} (controller)`);
    expect(result.stdout).toContain('0 topics:');
  });

  it('kafkajs admin.describeCluster() returns it', async () => {
    const kafka = new Kafka({ clientId: 'eddy-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster).toEqual({
        brokers: [{ nodeId: temp.broker.nodeId, host: 'localhost', port: temp.broker.port }],
        controller: temp.broker.nodeId,
        clusterId: temp.broker.clusterId,
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('kafka-python KafkaAdminClient.describe_cluster() works', async () => {
    const script = [
      'import json, sys',
      'from kafka import KafkaAdminClient',
      'admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="eddy-test", request_timeout_ms=10000)',
      'print(json.dumps(admin.describe_cluster()))',
      'admin.close()',
    ].join('\n');
    const result = await runProcess(systemPython, ['-c', script, temp.bootstrap], { timeoutMs: 30_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    const described = JSON.parse(result.stdout.trim().split('\n').pop()!);
    expect(described.cluster_id).toBe(temp.broker.clusterId);
    expect(described.controller_id).toBe(temp.broker.nodeId);
    expect(described.brokers).toEqual([{ node_id: temp.broker.nodeId, host: 'localhost', port: temp.broker.port, rack: null }]);
  });

  it('counts connected clients while they are connected', async () => {
    const kafka = new Kafka({ clientId: 'counted-client', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const before = temp.broker.connections().length;
    await admin.connect();
    await admin.describeCluster();
    const during = temp.broker.connections();
    expect(during.length).toBeGreaterThan(before);
    expect(during.some((connection) => connection.clientId === 'counted-client' && connection.requestCount > 0)).toBe(true);
    await admin.disconnect();
    await expect.poll(() => temp.broker.connections().length, { timeout: 5000 }).toBe(before);
  });
});
