import { describe, expect, it, vi } from 'vitest';
import { methodNames, type BrokerStatus, type ContractHandlers } from '../contract';
import { createDispatcher } from './dispatcher';
import { HostRefusal } from './host-refusal';

const runningStatus: BrokerStatus = {
  state: 'running',
  address: 'localhost:9092',
  listenAddresses: ['127.0.0.1:9092'],
  listeners: [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', address: 'localhost:9092', saslMechanisms: [] }],
  requestedPort: 9092,
  dataDir: '/d',
  startedAt: 1,
  version: '0.1.0',
  clusterId: 'c',
  nodeId: 1,
  connectedClients: 0,
  error: null,
};

/** Methods a test does not call throw if they are reached. */
const unused = Object.fromEntries(
  methodNames.map((method) => [
    method,
    () => {
      throw new Error(`${method} is not used by this test`);
    },
  ]),
) as unknown as ContractHandlers;

function handlers(overrides: Partial<ContractHandlers> = {}): ContractHandlers {
  return {
    ...unused,
    'broker.getStatus': () => runningStatus,
    'broker.listConnections': () => [],
    ...overrides,
  };
}

describe('createDispatcher', () => {
  it('calls the handler with the validated request and wraps its value', async () => {
    const listConnections = vi.fn(() => []);
    const dispatcher = createDispatcher(handlers({ 'broker.listConnections': listConnections }));

    const result = await dispatcher.dispatch('broker.listConnections', { limit: 10 });

    expect(result).toEqual({ ok: true, value: [] });
    expect(listConnections).toHaveBeenCalledWith({ limit: 10 });
  });

  it('treats a missing payload as {} for methods without arguments', async () => {
    const result = await createDispatcher(handlers()).dispatch('broker.getStatus', undefined);
    expect(result).toEqual({ ok: true, value: runningStatus });
  });

  it.each([['broker.nope'], ['toString'], ['__proto__'], [42], [null]])('answers UNKNOWN_METHOD for %s', async (method) => {
    const result = await createDispatcher(handlers()).dispatch(method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers INVALID_PAYLOAD with one issue per violation and never calls the handler', async () => {
    const listConnections = vi.fn(() => []);
    const dispatcher = createDispatcher(handlers({ 'broker.listConnections': listConnections }));

    const result = await dispatcher.dispatch('broker.listConnections', { limit: 5000, extra: true });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_PAYLOAD');
    expect(result.error.message).toContain('broker.listConnections');
    expect(result.error.issues?.some((issue) => issue.startsWith('limit:'))).toBe(true);
    expect(result.error.issues?.length).toBe(2);
    expect(listConnections).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into HOST_ERROR and tells the error hook', async () => {
    const onHandlerError = vi.fn();
    const dispatcher = createDispatcher(
      handlers({
        'broker.getStatus': () => {
          throw new Error('boom');
        },
      }),
      { onHandlerError },
    );

    const result = await dispatcher.dispatch('broker.getStatus', {});

    expect(result).toEqual({ ok: false, error: { code: 'HOST_ERROR', message: 'broker.getStatus failed: boom' } });
    expect(onHandlerError).toHaveBeenCalledWith('broker.getStatus', expect.any(Error));
  });

  it('turns a HostRefusal into REFUSED with its reason and message as they are, not a host error', async () => {
    const onHandlerError = vi.fn();
    const dispatcher = createDispatcher(
      handlers({
        'topics.create': () => {
          throw new HostRefusal('INVALID_TOPIC_EXCEPTION', 'topic name "a b" is illegal');
        },
      }),
      { onHandlerError },
    );

    const result = await dispatcher.dispatch('topics.create', { name: 'a b' });

    expect(result).toEqual({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_TOPIC_EXCEPTION', message: 'topic name "a b" is illegal' } });
    expect(onHandlerError).not.toHaveBeenCalled();
  });

  it('answers INVALID_PAYLOAD for a topics call that breaks its schema', async () => {
    const dispatcher = createDispatcher(handlers());

    const result = await dispatcher.dispatch('topics.deleteRecords', { name: 'orders', partitions: [{ partition: -1, offset: 'x' }] });

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    if (!result.ok) expect(result.error.issues).toHaveLength(2);
  });

  it('turns a response that breaks the contract into HOST_ERROR', async () => {
    const dispatcher = createDispatcher(
      handlers({ 'broker.getStatus': () => ({ ...runningStatus, state: 'exploded' }) as unknown as BrokerStatus }),
    );

    const result = await dispatcher.dispatch('broker.getStatus', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_ERROR' } });
  });
});
