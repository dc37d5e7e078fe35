/**
 * startBroker() as a library: identity kept across restarts, clear start errors, clean stop.
 */
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerStartError, startBroker } from '../src/index';
import { RawKafkaSocket, requestV1 } from './support/raw-kafka-socket';
import { tempDataDir } from './support/temp-broker';

describe('startBroker', () => {
  const dirs: string[] = [];
  const dir = () => {
    const path = tempDataDir();
    dirs.push(path);
    return path;
  };
  afterEach(() => dirs.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true })));

  it('keeps the cluster id across restarts of the same data dir', async () => {
    const dataDir = dir();
    const first = await startBroker({ port: 0, dataDir });
    const clusterId = first.clusterId;
    await first.stop();
    const second = await startBroker({ port: 0, dataDir });
    expect(second.clusterId).toBe(clusterId);
    await second.stop();
    const other = await startBroker({ port: 0, dataDir: dir() });
    expect(other.clusterId).not.toBe(clusterId);
    await other.stop();
  });

  it('binds the same free port on IPv4 and IPv6 loopback', async () => {
    const broker = await startBroker({ port: 0, dataDir: dir() });
    expect(broker.listenAddresses).toEqual([`127.0.0.1:${broker.port}`, `[::1]:${broker.port}`]);
    expect(broker.advertisedHost).toBe('localhost');
    await broker.stop();
  });

  it('fails with PORT_IN_USE naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as { port: number }).port;
    const error = await startBroker({ port, dataDir: dir() }).catch((caught: unknown) => caught);
    blocker.close();
    expect(error).toBeInstanceOf(BrokerStartError);
    expect(error).toMatchObject({ code: 'PORT_IN_USE', message: `port ${port} is already in use on 127.0.0.1` });
    expect((error as BrokerStartError).hint).toContain('--port');
  });

  it('fails with INVALID_CONFIG for an unknown config', async () => {
    await expect(startBroker({ port: 0, dataDir: dir(), config: { 'log.retention.forever': 'true' } })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  it('fails with DATA_DIR_UNUSABLE when the data dir is a file', async () => {
    const parent = dir();
    const file = `${parent}/meta.properties`;
    const broker = await startBroker({ port: 0, dataDir: parent });
    await broker.stop();
    await expect(startBroker({ port: 0, dataDir: file })).rejects.toMatchObject({ code: 'DATA_DIR_UNUSABLE' });
  });

  it('stop() closes client connections and the port', async () => {
    const broker = await startBroker({ port: 0, dataDir: dir() });
    const socket = await RawKafkaSocket.open(broker.port);
    socket.write(requestV1(18, 0, 1, 'lifecycle'));
    await socket.readFrame();
    await broker.stop();
    expect(await socket.closedByBroker()).toBe(true);
    await expect(RawKafkaSocket.open(broker.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('one broker per data directory', () => {
  it('refuses a second broker on a data directory in use, and allows it once the first stops', async () => {
    const dataDir = tempDataDir();
    const first = await startBroker({ port: 0, dataDir });
    try {
      const error = await startBroker({ port: 0, dataDir }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'DATA_DIR_UNUSABLE', message: expect.stringContaining('is in use by another running broker') });
      expect((error as BrokerStartError).hint).toContain('--data-dir');
    } finally {
      await first.stop();
    }
    const second = await startBroker({ port: 0, dataDir });
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
