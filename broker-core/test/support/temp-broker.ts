/**
 * A real broker for integration tests: in process, port 0, a fresh temp data dir, stopped and
 * removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type Broker, type BrokerOptions } from '../../src/index';

export interface TempBroker {
  broker: Broker;
  dataDir: string;
  bootstrap: string;
  stop(): Promise<void>;
}

export function tempDataDir(prefix = 'eddy-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTempBroker(options: Partial<BrokerOptions> = {}): Promise<TempBroker> {
  const dataDir = options.dataDir ?? tempDataDir();
  const broker = await startBroker({ port: 0, ...options, dataDir });
  return {
    broker,
    dataDir,
    bootstrap: `localhost:${broker.port}`,
    async stop() {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
