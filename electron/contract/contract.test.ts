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

  it('accepts a failed status that keeps the requested port and the hint', () => {
    const parsed = brokerStatusSchema.safeParse({
      state: 'failed',
      address: null,
      listenAddresses: [],
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
