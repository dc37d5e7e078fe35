/**
 * The built app's lifecycle under the stand-in `electron`: the broker starts only once the app is
 * ready and really listens; every way of quitting stops it cleanly before the process ends (its
 * port closed, its data dir unlocked, the clean-shutdown marker written); a second instance
 * leaves at once.
 *
 * "Cleanly" is read from the data dir: the broker writes `.kafka_cleanshutdown` only when it is
 * stopped (after syncing and closing every log); a process that ends with the broker running
 * leaves none. While it runs, the data dir's lock (broker-core's data-dir-lock.ts) answers with
 * the app's pid.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { lockAddress } from '../../broker-core/src/cluster/data-dir-lock';
import { CLEAN_SHUTDOWN_FILE } from '../../broker-core/src/storage/clean-shutdown-marker';
import { acceptsConnections, launchApp, loopbackPort, type LaunchedApp } from './launched-app';

/** What the holder of the data dir's lock answers: its pid. */
function lockHolderPid(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(lockAddress(dataDir).address);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(Number.parseInt(answer, 10)));
    socket.on('error', reject);
  });
}

let app: LaunchedApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

/** Starts the app, makes it ready, and checks the broker started then and listens on its port. */
async function runningApp(): Promise<{ app: LaunchedApp; port: number }> {
  const launched = launchApp();
  app = launched;
  // One round trip to the stand-in: the bundle has run its top level by now.
  const before = await launched.main.calls();
  expect(before.filter((call) => call.target === 'BrowserWindow' || call.target === 'ipcMain')).toEqual([]);
  expect(existsSync(launched.dataDir)).toBe(false);

  await launched.main.ready();
  const status = await launched.running();
  expect(status.dataDir).toBe(launched.dataDir);
  expect(status.requestedPort).toBe(0);
  const port = loopbackPort(status);
  expect(port).toBeGreaterThan(0);
  expect(await acceptsConnections(port)).toBe(true);
  expect(await lockHolderPid(launched.dataDir)).toBe(launched.main.child.pid);
  expect(existsSync(join(launched.dataDir, CLEAN_SHUTDOWN_FILE))).toBe(false);
  return { app: launched, port };
}

async function expectStoppedCleanly(launched: LaunchedApp, port: number): Promise<void> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still running after 20 s'), 20_000).unref());
  expect(await Promise.race([launched.main.exited, timeout]), launched.main.output()).toEqual({ code: 0, signal: null });
  expect(await acceptsConnections(port)).toBe(false);
  expect(existsSync(join(launched.dataDir, CLEAN_SHUTDOWN_FILE))).toBe(true);
}

it('starts the broker when the app is ready, and stops it cleanly when the app quits', async () => {
  const { app: launched, port } = await runningApp();
  await launched.main.command('quit');
  await expectStoppedCleanly(launched, port);
}, 60_000);

it.each(['SIGTERM', 'SIGINT'] as const)('stops the broker cleanly on %s', async (signal) => {
  const { app: launched, port } = await runningApp();
  launched.main.child.kill(signal);
  await expectStoppedCleanly(launched, port);
}, 60_000);

it('quits when its window is closed, stopping the broker cleanly', async () => {
  const { app: launched, port } = await runningApp();
  await launched.main.command('closeWindow', { windowId: 1 });
  await expectStoppedCleanly(launched, port);
}, 60_000);

it('leaves at once as a second instance, without a broker or a window', async () => {
  const launched = launchApp({ env: { EDDY_STAND_IN_OTHER_INSTANCE: '1' } });
  app = launched;
  expect(await launched.main.exited, launched.main.output()).toEqual({ code: 0, signal: null });
  expect(existsSync(launched.dataDir)).toBe(false);
}, 30_000);
