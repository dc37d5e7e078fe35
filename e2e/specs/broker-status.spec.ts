/**
 * The Broker status view against serve mode and a real broker: what it shows, that it follows
 * real Kafka clients connecting and leaving, the copy button, and the disconnected banner.
 */
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from '../fixtures/serve';
import { StatusPage } from '../pages/status-page';

test('shows the running broker with its real port, data dir, version and a ticking uptime', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);
  const expected = serve.status();
  expect(expected.state).toBe('running');

  // Act
  await status.open(serve.url);

  // Assert
  await status.expectState('running');
  await expect(status.state).toHaveText('Running');
  await expect(status.address).toHaveText(expected.address ?? 'no address');
  await expect(status.address).toHaveText(/^localhost:\d+$/);
  expect(Number(expected.address?.split(':')[1])).toBeGreaterThan(0);
  await expect(status.dataDir).toHaveText(serve.dataDir);
  await expect(status.version).toHaveText(expected.version);
  await expect(status.clusterId).toHaveText(expected.clusterId ?? 'no cluster id');
  await expect(status.connectedClients).toHaveText('0');
  await expect(status.navBroker).toHaveAttribute('aria-current', 'page');
  await expect(status.navComingSoon).toHaveCount(0);
  const firstUptime = await status.uptime.innerText();
  await expect(status.uptime).not.toHaveText(firstUptime, { timeout: 5000 });
});

test('counts a kafkajs client in when it connects and out when it disconnects', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');
  const address = serve.status().address ?? '';
  const kafka = new Kafka({ clientId: 'e2e-status-client', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();

  try {
    // Act
    await admin.connect();
    await admin.listTopics();

    // Assert
    await expect(status.connectedClients).not.toHaveText('0');
    await expect(status.connectionRow('e2e-status-client').first()).toBeVisible();
    await status.screenshot('broker-status');
  } finally {
    // Cleanup (and the act of leaving)
    await admin.disconnect();
  }
  await expect(status.connectedClients).toHaveText('0');
  await expect(status.connectionRows).toHaveCount(0);
});

test('shows what a connection waits for: a consumer parked in a long poll', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');
  const address = serve.status().address ?? '';
  const kafka = new Kafka({ clientId: 'e2e-waiting-client', brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: 'e2e-waiting', maxWaitTimeInMs: 8_000 });

  try {
    // Act: an empty topic, so every Fetch waits out its 8 s max wait
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'quiet', numPartitions: 1 }] });
    await consumer.connect();
    await consumer.subscribe({ topic: 'quiet', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });

    // Assert
    const fetchWait = status.connectionWaiting('e2e-waiting-client').filter({ hasText: 'Fetch v' });
    await expect(fetchWait).toBeVisible({ timeout: 15_000 });
    await expect(fetchWait).toContainText('new records (long poll');
    await expect(fetchWait).toHaveAttribute('data-stalled', 'false');
    await status.screenshot('broker-connections-waiting');
  } finally {
    // Cleanup
    await consumer.disconnect();
    await admin.disconnect();
  }
});

test('copies the bootstrap address to the clipboard', async ({ page, context, serve }) => {
  // Arrange
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${serve.uiPort}` });
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');

  // Act
  await status.copyAddress.click();

  // Assert
  await expect(status.copyAddress).toHaveText('Copied');
  expect(await status.clipboardText()).toBe(serve.status().address);
});

test('says it is disconnected when the host goes away', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('running');
  await expect(status.hostLinkBanner).toHaveCount(0);

  // Act
  await serve.stop();

  // Assert
  await expect(status.hostLinkBanner).toHaveAttribute('data-status', 'disconnected');
  await expect(status.hostLinkBanner).toContainText('Disconnected from the Eddy host');
});

test('refuses to connect without the token and says how to get in', async ({ page, serve }) => {
  // Arrange
  const status = new StatusPage(page);

  // Act
  await status.open(`http://127.0.0.1:${serve.uiPort}/`);

  // Assert
  await expect(status.hostLinkBanner).toHaveAttribute('data-status', 'disconnected');
  await expect(status.hostLinkBanner).toContainText('?token=');
  await expect(status.address).toHaveCount(0);
});
