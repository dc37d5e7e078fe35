/**
 * A broker port that is already taken must not stop the console: it opens, shows the broker as
 * failed, names the port and says what to do, and offers a free port it found: one click starts
 * the broker there, and real clients connect to it.
 */
import { createServer, type Server } from 'node:net';
import { connectProducer } from '../fixtures/kafka-producer';
import { expect, test as serveTest } from '../fixtures/serve';
import { StatusPage } from '../pages/status-page';

function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
}

const test = serveTest.extend<{ busyPort: number }>({
  // A port held by another program on both loopback addresses the broker binds.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  busyPort: async ({}, use) => {
    const ipv4 = createServer();
    const ipv6 = createServer();
    await listen(ipv4, 0, '127.0.0.1');
    const port = (ipv4.address() as { port: number }).port;
    const ipv6Bound = await listen(ipv6, port, '::1');
    try {
      await use(port);
    } finally {
      await new Promise((resolve) => ipv4.close(resolve));
      if (ipv6Bound) await new Promise((resolve) => ipv6.close(resolve));
    }
  },
  serveOptions: async ({ busyPort }, use) => use({ brokerPort: busyPort }),
});

test('shows an error panel that names the busy port and the hint', async ({ page, serve, busyPort }) => {
  // Arrange
  const status = new StatusPage(page);
  const failure = serve.status().error;
  expect(serve.status().state).toBe('failed');

  // Act
  await status.open(serve.url);

  // Assert
  await status.expectState('failed');
  await expect(status.errorPanel).toBeVisible();
  await expect(status.errorPanel).toHaveAttribute('data-code', 'PORT_IN_USE');
  await expect(status.errorTitle).toContainText(String(busyPort));
  await expect(status.errorMessage).toHaveText(failure?.message ?? 'no message');
  await expect(status.errorHint).toContainText(failure?.hint ?? 'no hint');
  expect(failure?.hint.length).toBeGreaterThan(0);
  await expect(status.address).toHaveText('not listening');
  await expect(status.dataDir).toHaveText(serve.dataDir);
  await status.screenshot('broker-port-in-use');
});

test('offers a free port and starts the broker on it in one click, while the other program keeps its port', async ({ page, serve, busyPort }) => {
  // Arrange
  const status = new StatusPage(page);
  await status.open(serve.url);
  await status.expectState('failed');
  const offered = await status.offeredPort();
  expect(offered).toBeGreaterThan(busyPort);
  await expect(status.usePort).toHaveText(`Use port ${offered}`);
  await expect(status.usePortNote).toContainText(`localhost:${offered}`);
  await status.screenshot('broker-port-in-use-offer');

  // Act
  await status.usePort.click();

  // Assert
  await status.expectState('running');
  await expect(status.errorPanel).toHaveCount(0);
  await expect(status.address).toHaveText(`localhost:${offered}`);
  expect(serve.status()).toMatchObject({ state: 'running', requestedPort: offered, address: `localhost:${offered}`, error: null });
  const producer = await connectProducer(`localhost:${offered}`, 'e2e-after-port-change');
  try {
    await producer.send('orders', 2);
  } finally {
    await producer.disconnect();
  }
  expect(serve.logs().partitionStats('orders', 0).highWatermark).toBe(2);
  await status.screenshot('broker-port-in-use-recovered');
});
