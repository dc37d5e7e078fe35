import { describe, expect, it } from 'vitest';
import {
  brokerStatusSchema,
  contractMethods,
  createContractClient,
  eventChannel,
  eventNames,
  isEventName,
  isMethodName,
  methodChannel,
  methodNames,
  type MethodName,
} from './index';

describe('contract', () => {
  it('names every method and event <domain>.<action>', () => {
    for (const name of [...methodNames, ...eventNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('recognizes only its own method and event names, not inherited properties', () => {
    expect(isMethodName('broker.getStatus')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isEventName('broker.status')).toBe(true);
    expect(isEventName('broker.getStatus')).toBe(false);
  });

  it('gives each method and event its own IPC channel', () => {
    const channels = [...methodNames.map(methodChannel), ...eventNames.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('builds a client with one function per method that sends {} when there is no request', async () => {
    const calls: Array<[MethodName, unknown]> = [];
    const client = createContractClient(async (method, request) => {
      calls.push([method, request]);
      return { ok: true, value: null };
    });

    await client.broker.getStatus();
    await client.broker.listConnections({ limit: 5 });

    expect(calls).toEqual([
      ['broker.getStatus', {}],
      ['broker.listConnections', { limit: 5 }],
    ]);
    const exposed = Object.entries(client).flatMap(([domain, actions]) =>
      Object.keys(actions).map((action) => `${domain}.${action}`),
    );
    expect(exposed.sort()).toEqual([...methodNames].sort());
  });

  it('rejects unknown keys and out-of-range limits in requests', () => {
    const listConnections = contractMethods['broker.listConnections'].request;
    expect(listConnections.safeParse({ limit: 10 }).success).toBe(true);
    expect(listConnections.safeParse({ limit: 0 }).success).toBe(false);
    expect(listConnections.safeParse({ limit: 1001 }).success).toBe(false);
    expect(listConnections.safeParse({ limit: 1.5 }).success).toBe(false);
    expect(contractMethods['broker.getStatus'].request.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('takes only a TCP port for a broker start or restart, and a port above 0 to search from', () => {
    for (const method of ['broker.start', 'broker.restart'] as const) {
      const request = contractMethods[method].request;
      expect(request.safeParse({}).success, method).toBe(true);
      expect(request.safeParse({ port: 9093 }).success, method).toBe(true);
      expect(request.safeParse({ port: 0 }).success, method).toBe(true);
      expect(request.safeParse({ port: 65536 }).success, method).toBe(false);
      expect(request.safeParse({ port: -1 }).success, method).toBe(false);
      expect(request.safeParse({ port: 9092.5 }).success, method).toBe(false);
      expect(request.safeParse({ port: '9093' }).success, method).toBe(false);
      expect(request.safeParse({ port: 9093, dataDir: '/tmp' }).success, method).toBe(false);
    }
    const findFreePort = contractMethods['broker.findFreePort'].request;
    expect(findFreePort.safeParse({}).success).toBe(true);
    expect(findFreePort.safeParse({ from: 9093 }).success).toBe(true);
    expect(findFreePort.safeParse({ from: 0 }).success).toBe(false);
    expect(findFreePort.safeParse({ from: 65536 }).success).toBe(false);
  });

  it('bounds topics requests: partitions, pages, config counts and record offsets', () => {
    const create = contractMethods['topics.create'].request;
    expect(create.safeParse({ name: 'orders', partitions: 3, configs: { 'retention.ms': '1000' } }).success).toBe(true);
    expect(create.safeParse({ name: 'orders' }).success).toBe(true);
    expect(create.safeParse({ name: '', partitions: 3 }).success).toBe(false);
    expect(create.safeParse({ name: 'orders', partitions: 0 }).success).toBe(false);
    expect(create.safeParse({ name: 'orders', configs: { 'retention.ms': 1000 } }).success).toBe(false);
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, 'v']));
    expect(create.safeParse({ name: 'orders', configs: tooMany }).success).toBe(false);

    const page = contractMethods['topics.listPartitions'].request;
    expect(page.safeParse({ name: 'orders', offset: 0, limit: 500 }).success).toBe(true);
    expect(page.safeParse({ name: 'orders', offset: 0, limit: 501 }).success).toBe(false);

    const deleteRecords = contractMethods['topics.deleteRecords'].request;
    expect(deleteRecords.safeParse({ name: 'orders', partitions: [{ partition: 0, offset: -1 }] }).success).toBe(true);
    expect(deleteRecords.safeParse({ name: 'orders', partitions: [{ partition: 0, offset: -2 }] }).success).toBe(false);
    expect(deleteRecords.safeParse({ name: 'orders', partitions: [] }).success).toBe(false);

    const alter = contractMethods['topics.alterConfigs'].request;
    expect(alter.safeParse({ name: 'orders', operations: [{ op: 'DELETE', name: 'retention.ms' }] }).success).toBe(true);
    expect(alter.safeParse({ name: 'orders', operations: [{ op: 'SET', name: 'retention.ms' }] }).success).toBe(false);
    expect(alter.safeParse({ name: 'orders', operations: [{ op: 'APPEND', name: 'cleanup.policy', value: 'compact' }] }).success).toBe(false);
  });

  it('accepts a failed status that keeps the requested port and the hint', () => {
    const parsed = brokerStatusSchema.safeParse({
      state: 'failed',
      address: null,
      listenAddresses: [],
      listeners: [],
      requestedPort: 9092,
      dataDir: '/tmp/eddy',
      startedAt: null,
      version: '0.1.0',
      clusterId: null,
      nodeId: null,
      connectedClients: 0,
      error: { code: 'PORT_IN_USE', message: 'port 9092 is in use', hint: 'pick another port with --port <n>' },
    });
    expect(parsed.success).toBe(true);
  });
});
