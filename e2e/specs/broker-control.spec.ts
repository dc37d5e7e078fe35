/**
 * Broker control from the Broker view against serve mode and a real broker: stop, start and
 * restart with the state shown live, real Kafka clients cut off while it is stopped and producing
 * again after a restart (with what they wrote before still there); the connection settings a
 * client needs; and the data folder, which a browser cannot open, shown with a copy button.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { StatusPage } from '../pages/status-page';

test('stops, starts and restarts the broker, showing each state, and a kafkajs client produces after the restart', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');
  const before = await connectProducer(serve.status().address ?? '', 'e2e-before-stop');
  try {
    await before.send('orders', 3, { label: 'before' });
  } finally {
    await before.disconnect();
  }

  // Act: stop
  await status.stopButton.click();

  // Assert
  await status.expectState('stopped');
  await expect(status.state).toHaveText('Stopped');
  expect(serve.status().state).toBe('stopped');
  await expect(status.address).toHaveText('not listening');
  await expect(status.uptime).toHaveText('—');
  await expect(status.startButton).toBeEnabled();
  await expect(status.stopButton).toHaveCount(0);
  await expect(status.restartButton).toBeDisabled();
  await expect(status.connectionSettings).toBeDisabled();
  await expect(status.errorPanel).toHaveCount(0);
  await status.screenshot('broker-stopped');

  // Act: start
  await status.startButton.click();

  // Assert
  await status.expectState('running');
  await expect(status.address).toHaveText(serve.status().address ?? 'no address');
  await expect(status.stopButton).toBeEnabled();

  // Act: restart (on port 0, as this fixture asks, the broker gets a new port)
  const { startedAt, clusterId } = serve.status();
  await status.restartButton.click();

  // Assert
  // Running again: a new run (the old one reports running, with its own address, until it has stopped).
  await expect.poll(() => serve.status().state === 'running' && serve.status().address !== null && serve.status().startedAt !== startedAt).toBe(true);
  await status.expectState('running');
  const address = serve.status().address ?? 'no address';
  await expect(status.address).toHaveText(address);
  await expect(status.restartButton).toHaveText('Restart');
  await expect(status.restartButton).toBeEnabled();
  await expect(status.controlError).toHaveCount(0);
  await expect(status.clusterId).toHaveText(clusterId ?? 'no cluster id');

  const after = await connectProducer(address, 'e2e-after-restart');
  try {
    await after.send('orders', 2, { label: 'after' });
  } finally {
    await after.disconnect();
  }
  expect(serve.logs().partitionStats('orders', 0).highWatermark).toBe(5);
  await expect(status.connectedClients).toHaveText('0');
  await status.screenshot('broker-restarted');
});

test('shows the connection settings a client needs and copies them', async ({ page, context, serve }) => {
  // Arrange
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${serve.uiPort}` });
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');
  const address = serve.status().address ?? '';

  // Act
  await status.connectionSettings.click();

  // Assert
  await expect(status.connectionSettingsPopover).toBeVisible();
  await expect(status.connectionSettingsPreview).toHaveText(`bootstrap.servers=${address}\nsecurity.protocol=PLAINTEXT`);
  await status.screenshot('broker-connection-settings');

  // Act
  await status.copyConnectionSettings.click();

  // Assert
  await expect(status.copyConnectionSettings).toHaveText('Copied');
  expect(await status.clipboardText()).toBe(`bootstrap.servers=${address}\nsecurity.protocol=PLAINTEXT\n`);

  // Act: Escape closes it
  await page.keyboard.press('Escape');

  // Assert
  await expect(status.connectionSettingsPopover).toHaveCount(0);
});

test('shows the data folder with a copy button in a browser, which cannot open folders', async ({ page, context, serve }) => {
  // Arrange
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${serve.uiPort}` });
  const status = new StatusPage(page);

  // Act
  await status.open(serve.url);
  await status.expectState('running');

  // Assert
  await expect(status.openDataFolder).toHaveCount(0);
  await expect(status.dataFolderPath).toHaveText(serve.dataDir);
  await status.copyDataFolder.click();
  await expect(status.copyDataFolder).toHaveText('Copied');
  expect(await status.clipboardText()).toBe(serve.dataDir);
});
