/**
 * Settings against serve mode and a real broker: command-line flags shown as overriding (and not
 * editable); valid changes (a broker config, the port from "Pick a free port", the data directory
 * moved) saved to the settings file and applied by "Restart now", with a real Kafka client working
 * on the new port and the data still there; invalid values shown at their fields with nothing
 * saved or applied; and "Use port N" on a taken port remembered in the settings.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../electron/host/free-port';
import { connectProducer } from '../fixtures/kafka-producer';
import { expect, test as serveTest } from '../fixtures/serve';
import { SettingsPage } from '../pages/settings-page';
import { StatusPage } from '../pages/status-page';

const savedSettings = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { broker: Record<string, unknown> };

serveTest.describe('with --port, --data-dir and --config on the command line', () => {
  serveTest.use({ serveOptions: { config: { 'num.partitions': '3' } } });

  serveTest('shows the values the flags set as overriding, and they cannot be changed here', async ({ page, serve }) => {
    // Arrange
    const settings = new SettingsPage(page);

    // Act
    await settings.open(serve.url);

    // Assert
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(settings.portSource).toHaveText('set by --port 0');
    await expect(settings.portSource).toHaveAttribute('data-source', 'flag');
    await expect(settings.port).toBeDisabled();
    await expect(settings.pickFreePort).toBeDisabled();
    await expect(settings.dataDirSource).toHaveText(`set by --data-dir ${serve.dataDir}`);
    await expect(settings.dataDir).toBeDisabled();
    await expect(settings.dataDir).toHaveValue(serve.dataDir);
    await expect(settings.configSource('num.partitions')).toHaveText('set by --config num.partitions=3');
    await expect(settings.configInput('num.partitions')).toBeDisabled();
    await expect(settings.configInput('num.partitions')).toHaveValue('3');
    await expect(settings.configSource('log.retention.ms')).toHaveText('default');
    await expect(settings.configInput('log.retention.ms')).toBeEnabled();
    await expect(settings.file).toContainText(serve.settingsFile);
    await settings.screenshot('settings-flags');
  });
});

/** Serve mode without --port and --data-dir: both come from a settings file written before it starts. */
const test = serveTest.extend<{ seed: { port: number; dataDir: string; root: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  seed: async ({}, use) => {
    const root = mkdtempSync(join(tmpdir(), 'eddy-e2e-settings-'));
    const port = await findFreePort(20000 + Math.floor(Math.random() * 20000));
    try {
      await use({ port, dataDir: join(root, 'data'), root });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
  settingsSeed: async ({ seed }, use) => use({ version: 1, broker: { port: seed.port, dataDir: seed.dataDir } }),
  serveOptions: async ({}, use) => use({ brokerPort: undefined, dataDir: undefined }), // eslint-disable-line no-empty-pattern
});

test('applies a broker config and a picked free port with Restart now; a kafkajs client works on the new port', async ({ page, serve, seed }) => {
  // Arrange
  const settings = new SettingsPage(page);
  await settings.open(serve.url);
  await expect(settings.portSource).toHaveText('saved');
  await expect(settings.port).toHaveValue(String(seed.port));
  expect(serve.status().address).toBe(`localhost:${seed.port}`);

  // Act: change a config and pick a free port, then save
  await settings.configInput('log.retention.ms').fill('3600000');
  await settings.pickFreePort.click();
  await expect(settings.port).not.toHaveValue(String(seed.port));
  const newPort = Number(await settings.port.inputValue());
  await settings.save.click();

  // Assert: saved, not applied yet
  await expect(settings.saved).toHaveText('Saved. Restart the broker to use them.');
  await expect(settings.restartNotice).toContainText('port, log.retention.ms');
  expect(savedSettings(serve.settingsFile).broker).toMatchObject({ port: newPort, config: { 'log.retention.ms': '3600000' } });
  expect(serve.status().address).toBe(`localhost:${seed.port}`);
  expect(serve.brokerConfig()['log.retention.ms']).toBe('604800000');
  await expect(settings.configSource('log.retention.ms')).toHaveText('saved');
  await settings.screenshot('settings-restart-needed');

  // Act: restart
  await settings.restartNow.click();

  // Assert: applied
  await expect(settings.restartNotice).toHaveCount(0);
  await expect(settings.saved).toHaveText('Saved.');
  await expect.poll(() => serve.status().address).toBe(`localhost:${newPort}`);
  expect(serve.status().state).toBe('running');
  expect(serve.brokerConfig()['log.retention.ms']).toBe('3600000');
  const producer = await connectProducer(`localhost:${newPort}`, 'e2e-settings-new-port');
  try {
    await producer.send('settings-orders', 2, { label: 'after' });
  } finally {
    await producer.disconnect();
  }
  expect(serve.logs().partitionStats('settings-orders', 0).highWatermark).toBe(2);
  await settings.screenshot('settings-applied');
  const status = new StatusPage(page);
  await status.navBroker.click();
  await expect(status.address).toHaveText(`localhost:${newPort}`);
});

test('shows each invalid value at its field and saves and applies nothing', async ({ page, serve, seed }) => {
  // Arrange
  const otherBroker = join(seed.root, 'other-broker');
  mkdirSync(otherBroker);
  writeFileSync(join(otherBroker, 'meta.properties'), 'version=1\ncluster.id=e2e-other-cluster\nnode.id=1\n');
  const settings = new SettingsPage(page);
  await settings.open(serve.url);
  const before = readFileSync(serve.settingsFile, 'utf8');

  // Act
  await settings.port.fill('70000');
  await settings.listenAddress.fill('example');
  await settings.dataDir.fill(otherBroker);
  await settings.configInput('log.retention.ms').fill('soon');
  await settings.configInput('num.partitions').fill('0');
  await settings.save.click();

  // Assert
  await expect(settings.portError).toHaveText('port 70000 is out of range: use a whole number from 1 to 65535');
  await expect(settings.listenAddressError).toContainText('"example" is not an IP address');
  await expect(settings.dataDirError).toHaveText(`${otherBroker} holds another broker's data (cluster e2e-other-cluster): choose an empty or new folder; nothing there is touched`);
  await expect(settings.configError('log.retention.ms')).toHaveText('invalid value "soon" for broker config log.retention.ms: expected an integer from -1 to 9223372036854775807');
  await expect(settings.configError('num.partitions')).toHaveText('invalid value "0" for broker config num.partitions: expected an integer from 1 to 2147483647');
  await expect(settings.notSaved).toHaveText('Nothing was saved: fix the 5 fields marked above.');
  await expect(settings.restartNotice).toHaveCount(0);
  expect(readFileSync(serve.settingsFile, 'utf8')).toBe(before);
  expect(serve.status()).toMatchObject({ state: 'running', address: `localhost:${seed.port}`, dataDir: seed.dataDir });
  expect(serve.brokerConfig()['log.retention.ms']).toBe('604800000');
  expect(existsSync(join(otherBroker, 'meta.properties'))).toBe(true);
  await settings.screenshot('settings-invalid-configs');
  await settings.file.scrollIntoViewIfNeeded();
  await settings.screenshot('settings-invalid');

  // Act: a port another program holds
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const taken = (holder.address() as { port: number }).port;
  try {
    await page.getByTestId('settings-discard').click();
    await settings.port.fill(String(taken));
    await settings.save.click();

    // Assert
    await expect(settings.portError).toHaveText(`port ${taken} is already in use by another program: pick another (Pick a free port finds one)`);
    expect(readFileSync(serve.settingsFile, 'utf8')).toBe(before);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

test('moves the data directory on Restart now, keeping the topics, and says where the data went', async ({ page, serve, seed }) => {
  // Arrange
  const producer = await connectProducer(`localhost:${seed.port}`, 'e2e-settings-before-move');
  try {
    await producer.send('moved-orders', 3, { label: 'before' });
  } finally {
    await producer.disconnect();
  }
  const target = join(seed.root, 'moved', 'data');
  const settings = new SettingsPage(page);
  await settings.open(serve.url);

  // Act
  await settings.dataDir.fill(target);
  await expect(settings.dataDirMove).toBeChecked();
  await settings.screenshot('settings-data-dir-move');
  await settings.save.click();

  // Assert: said before it happens
  await expect(settings.dataDirNote).toHaveText(`At the next start, the data in ${seed.dataDir} moves to ${target}.`);
  expect(serve.status().dataDir).toBe(seed.dataDir);

  // Act
  await settings.restartNow.click();

  // Assert
  await expect(settings.dataDirNote).toHaveText(`The data was moved from ${seed.dataDir} to ${target}.`);
  await expect.poll(() => serve.status().dataDir).toBe(target);
  await expect.poll(() => serve.status().state).toBe('running');
  expect(existsSync(seed.dataDir)).toBe(false);
  expect(serve.logs().partitionStats('moved-orders', 0).highWatermark).toBe(3);
  await expect(settings.dataDirSource).toHaveText('saved');
});

test('remembers the port "Use port N" starts the broker on, when the saved port is taken', async ({ page, serve, seed }) => {
  // Arrange: another program takes the saved port, and the broker is restarted onto it
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.stopButton.click();
  await status.expectState('stopped');
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(seed.port, '127.0.0.1', resolve));
  try {
    await status.startButton.click();
    await status.expectState('failed');
    const offered = await status.offeredPort();
    await expect(status.usePortNote).toContainText('Settings keep it as the broker’s port');

    // Act
    await status.usePort.click();

    // Assert
    await status.expectState('running');
    expect(serve.status().address).toBe(`localhost:${offered}`);
    expect(savedSettings(serve.settingsFile).broker.port).toBe(offered);
    const settings = new SettingsPage(page);
    await settings.nav.click();
    await expect(settings.port).toHaveValue(String(offered));
    await expect(settings.portSource).toHaveText('saved');
    await expect(settings.restartNotice).toHaveCount(0);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});
