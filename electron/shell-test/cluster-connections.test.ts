/**
 * What only Electron does for remote connections, under the stand-in `electron`: secrets sealed
 * with safeStorage before they reach the disk (the stand-in's safeStorage follows Electron's
 * documented API; the point is that the app writes what safeStorage gives it, never the clear
 * text), and `--cluster NAME=HOST:PORT` at launch and from a second launch, opening that
 * connection (to a real broker over TCP).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../../broker-core/test/support/temp-broker';
import { eventChannel, type ClusterConnectionList, type ClusterConnectionState, type ClusterConnectionSummary, type ContractResult } from '../contract';
import { launchApp, type LaunchedApp } from './launched-app';

const launched: LaunchedApp[] = [];
const brokers: TempBroker[] = [];
afterEach(async () => {
  for (const app of launched.splice(0)) await app.dispose();
  for (const broker of brokers.splice(0)) await broker.stop();
});

async function startRunning(args: string[] = []): Promise<LaunchedApp> {
  const app = launchApp({ args });
  launched.push(app);
  await app.main.ready();
  await app.running();
  return app;
}

const valueOf = <T>(result: ContractResult<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

describe('remote connections in the desktop app', () => {
  it("seals a connection's secrets with safeStorage and never writes them in the clear", async () => {
    const app = await startRunning();
    const saved = valueOf<ClusterConnectionSummary>(
      await app.call('clusters.save', {
        id: null,
        connection: {
          name: 'Prod',
          colour: '#10b981',
          bootstrapServers: ['kafka.example:9093'],
          clientId: 'eddy-console',
          securityProtocol: 'SASL_SSL',
          sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: 'correct horse battery staple' },
          tls: { ca: null, cert: null, key: null, skipVerify: false },
          readOnly: true,
        },
      }),
    );
    expect(saved.sasl).toMatchObject({ username: 'alice', hasSecret: true });
    expect(JSON.stringify(saved)).not.toContain('correct horse');

    const userData = join(app.dataDir, '..');
    const secrets = readFileSync(join(userData, 'connection-secrets.json'), 'utf8');
    expect(JSON.parse(secrets)).toMatchObject({ kind: 'os-encryption' });
    expect(secrets).not.toContain('correct horse');
    expect(readFileSync(join(userData, 'connections.json'), 'utf8')).not.toContain('correct horse');
    const calls = await app.main.calls();
    expect(calls.filter((call) => call.target === 'safeStorage' && call.method === 'encryptString')).toHaveLength(1);

    const listed = valueOf<ClusterConnectionList>(await app.call('clusters.list', {}));
    expect(listed.secretStorage.kind).toBe('os-encryption');
    expect(listed.secretStorage.description).toMatch(/operating system's key store/);
  }, 60_000);

  it('opens the cluster --cluster names at launch, and the one a second launch names', async () => {
    const first = await startTempBroker();
    const second = await startTempBroker();
    brokers.push(first, second);
    first.broker.logs.createTopic('from-docker', { partitions: 1 });

    const app = await startRunning(['--cluster', `docker=${first.bootstrap}`]);
    const connected = await app.main.nextMessage(eventChannel('clusters.state'), (payload) => (payload as ClusterConnectionState).state === 'connected' && (payload as ClusterConnectionState).activeId !== 'embedded');
    const state = connected.args[0] as ClusterConnectionState;
    const listed = valueOf<ClusterConnectionList>(await app.call('clusters.list', {}));
    expect(listed.connections.find((entry) => entry.id === state.activeId)).toMatchObject({ name: 'docker', bootstrapServers: [first.bootstrap], fromCommandLine: true });
    expect(valueOf<{ topics: { name: string }[] }>(await app.call('topics.list', {})).topics.map((topic) => topic.name)).toEqual(['from-docker']);

    await app.main.command('secondInstance', { argv: ['/opt/Eddy/eddy'], additionalData: { argv: ['/opt/Eddy/eddy', '--cluster', `staging=${second.bootstrap}`] } });
    const switched = await app.main.nextMessage(eventChannel('clusters.state'), (payload) => (payload as ClusterConnectionState).state === 'connected' && (payload as ClusterConnectionState).activeId !== state.activeId);
    const names = valueOf<ClusterConnectionList>(await app.call('clusters.list', {})).connections.map((entry) => entry.name);
    expect(names).toEqual(['Local broker', 'docker', 'staging']);
    expect((switched.args[0] as ClusterConnectionState).activeId).not.toBe('embedded');
    // --cluster is applied, so the second launch gets no "flags not applied" message box.
    expect((await app.main.calls()).filter((call) => call.target === 'dialog' && call.method === 'showMessageBox')).toEqual([]);
  }, 60_000);
});
