/**
 * Remote clusters, against serve mode and a second real broker started in process: a connection
 * to it is added on the Connections view, tested (the diagnosis is ok), saved and opened; its
 * topics, groups, records and brokers are browsed (the embedded broker's never shown under its
 * name); switching back brings the embedded broker's place back. A read-only connection to it
 * shows a "read-only" badge and offers its mutations disabled, saying why. Both colour schemes,
 * screenshotted as clusters-<scheme>-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker } from '../../broker-core/src/index';
import { expect, test } from '../fixtures/serve';
import { joinGroup } from '../fixtures/kafka-consumer';
import { connectProducer } from '../fixtures/kafka-producer';
import { ClustersPage } from '../pages/clusters-page';
import { GroupsPage } from '../pages/groups-page';
import { MessagesPage } from '../pages/messages-page';
import { TopicsPage } from '../pages/topics-page';

for (const scheme of ['light', 'dark'] as const) {
  test(`adds, tests and opens a second cluster, browses it and switches back (${scheme})`, async ({ page, serve }) => {
    // Many steps, two brokers, and a machine that may be busy.
    test.setTimeout(180_000);
    // Arrange: a second broker with a topic of 5 records and a group; a topic on the embedded one
    await page.emulateMedia({ colorScheme: scheme });
    const secondDir = mkdtempSync(join(tmpdir(), 'eddy-e2e-second-'));
    const second = await startBroker({ port: 0, dataDir: secondDir, config: { 'group.initial.rebalance.delay.ms': '0' } });
    const secondAddress = `localhost:${second.port}`;
    second.logs.createTopic('remote-orders', { partitions: 2 });
    serve.logs().createTopic('local-orders', { partitions: 1 });
    const producer = await connectProducer(secondAddress, 'e2e-clusters');
    const consumer = await joinGroup(secondAddress, 'remote-billing', 'remote-orders', 'billing-service');
    const clusters = new ClustersPage(page);
    const topics = new TopicsPage(page);
    const groups = new GroupsPage(page);
    const messages = new MessagesPage(page);
    try {
      await producer.sendRecords('remote-orders', Array.from({ length: 5 }, (_, n) => ({ key: `k-${n}`, value: JSON.stringify({ order: n }), partition: n % 2 })));
      await expect.poll(() => consumer.received(), { timeout: 15_000 }).toBe(5);
      await consumer.commit('remote-orders', { 0: 2, 1: 1 });

      // The embedded broker's place: the local-orders topic page
      await topics.open(serve.url);
      await topics.openTopic('local-orders');
      const localName = (await clusters.switcherName.textContent()) ?? '';

      // Act: add the connection, test it, save it
      await clusters.navConnections.click();
      await expect(clusters.view).toBeVisible();
      await expect(clusters.rows).toHaveCount(1);
      await clusters.newConnection.click();
      await clusters.fillForm('second', `127.0.0.1:${second.port}`);
      await clusters.form.getByLabel('Bootstrap servers').fill('127.0.0.1');
      await expect(clusters.form.getByTestId('cluster-bootstrap-problem')).toHaveText('"127.0.0.1" is not host:port (a port from 1 to 65535).');
      await clusters.form.getByLabel('Bootstrap servers').fill(`127.0.0.1:${second.port}`);
      await clusters.form.getByRole('button', { name: 'Colour #f97316' }).click();
      await clusters.testForm();

      // Assert: the diagnosis is ok, step by step
      await expect(clusters.formDiagnosis).toHaveAttribute('data-ok', 'true');
      await expect(clusters.formDiagnosis.getByTestId('cluster-form-diagnosis-step-bootstrap')).toHaveAttribute('data-status', 'ok');
      await clusters.screenshot(`clusters-${scheme}-form-diagnosis`);
      await clusters.saveForm();
      await expect(clusters.row('second')).toBeVisible();
      await expect(clusters.row('second').getByTestId('cluster-row-servers')).toHaveText(`127.0.0.1:${second.port}`);
      await clusters.screenshot(`clusters-${scheme}-list`);

      // The embedded broker can only be opened; a saved connection tests with its stored settings
      await expect(clusters.row(localName).getByRole('button', { name: `Edit ${localName}` })).toHaveCount(0);
      await expect(clusters.row(localName).getByRole('button', { name: `Remove ${localName}` })).toHaveCount(0);
      await clusters.row('second').getByRole('button', { name: 'Test second' }).click();
      await expect(page.getByTestId('cluster-row-diagnosis')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });

      // Duplicate, rename the copy, then remove it (confirmed)
      await clusters.row('second').getByRole('button', { name: 'Duplicate second' }).click();
      await expect(clusters.rows).toHaveCount(3);
      const copy = (await clusters.rows.nth(2).getByTestId('cluster-row-name').textContent()) ?? '';
      expect(copy).toMatch(/^second/);
      await clusters.row(copy).getByRole('button', { name: `Edit ${copy}` }).click();
      await expect(clusters.form.getByLabel('Name')).toHaveValue(copy);
      await clusters.form.getByLabel('Name').fill('third');
      await clusters.form.getByLabel('Read-only').check();
      await clusters.saveForm();
      await expect(clusters.row('third').getByTestId('cluster-read-only-badge')).toBeVisible();
      await clusters.row('third').getByRole('button', { name: 'Remove third' }).click();
      await page.getByTestId('remove-cluster-dialog').getByRole('button', { name: 'Remove' }).click();
      await expect(clusters.row('third')).toHaveCount(0);
      await expect(clusters.rows).toHaveCount(2);

      // Act: open it; Assert: its topics, never the embedded broker's
      await clusters.row('second').getByRole('button', { name: 'Open second' }).click();
      await expect(clusters.switcherName).toHaveText('second');
      await expect(topics.view).toBeVisible();
      await expect(topics.row('remote-orders')).toBeVisible();
      await expect(topics.row('local-orders')).toHaveCount(0);
      await expect(topics.cell('remote-orders', 'records')).toHaveText('5');
      await expect(page).toHaveTitle('Topics — second — Eddy');
      await clusters.screenshot(`clusters-${scheme}-remote-topics`);

      await groups.navGroups.click();
      await expect(groups.row('remote-billing')).toBeVisible();
      await clusters.screenshot(`clusters-${scheme}-remote-groups`);

      await messages.nav.click();
      await messages.chooseTopic('remote-orders');
      await expect(messages.rows).toHaveCount(5);
      await clusters.screenshot(`clusters-${scheme}-remote-messages`);

      await page.getByTestId('nav-broker').click();
      await expect(page.getByTestId('cluster-brokers')).toBeVisible();
      await expect(page.getByTestId('cluster-broker-row')).toHaveCount(1);
      await expect(page.getByTestId('cluster-topic-count')).toHaveText('1');
      await clusters.screenshot(`clusters-${scheme}-remote-broker`);

      // Act: back to the embedded broker from the switcher; Assert: its place comes back, with its data only
      await clusters.switcher.click();
      await expect(page.getByRole('menu', { name: 'Clusters' })).toBeVisible();
      await clusters.screenshot(`clusters-${scheme}-switcher`);
      await page.getByRole('menu', { name: 'Clusters' }).getByRole('menuitemradio', { name: localName }).click();
      await expect(clusters.switcherName).toHaveText(localName);
      await expect(page).toHaveTitle(`local-orders — Topics — ${serve.status().address} — Eddy`);
      await expect(topics.topicName).toHaveText('local-orders');
      await topics.navTopics.click();
      await expect(topics.row('local-orders')).toBeVisible();
      await expect(topics.row('remote-orders')).toHaveCount(0);
      await clusters.screenshot(`clusters-${scheme}-back-local`);

      // And to the second one again: its place (the Broker view) comes back
      await clusters.switchTo('second');
      await expect(page.getByTestId('cluster-brokers')).toBeVisible();
      await expect(clusters.switcherReadOnly).toHaveCount(0);

      // Act: a read-only connection to the same broker, opened; Assert: the badge, and New topic disabled, saying why
      const reason = 'Read-only connection: second-ro does not allow this';
      await clusters.navConnections.click();
      await clusters.newConnection.click();
      await clusters.fillForm('second-ro', `127.0.0.1:${second.port}`);
      await clusters.form.getByLabel('Read-only').check();
      await clusters.saveForm();
      await expect(clusters.row('second-ro').getByTestId('cluster-read-only-badge')).toBeVisible();
      await clusters.row('second-ro').getByRole('button', { name: 'Open second-ro' }).click();
      await expect(clusters.switcherName).toHaveText('second-ro', { timeout: 20_000 });
      await expect(clusters.switcherReadOnly).toHaveText('read-only');
      await topics.navTopics.click();
      await expect(topics.row('remote-orders')).toBeVisible({ timeout: 20_000 });
      await expect(topics.newTopicButton).toBeVisible();
      await expect(topics.newTopicButton).toBeDisabled();
      await expect(topics.newTopicButton).toHaveAttribute('title', reason);
      await expect(topics.row('remote-orders').getByRole('button', { name: 'Delete remote-orders' })).toBeDisabled();
      await clusters.screenshot(`clusters-${scheme}-read-only-topics`);
      await groups.navGroups.click();
      await groups.row('remote-billing').getByTestId('group-link').click();
      await expect(page.getByTestId('reset-offsets-button')).toBeDisabled();
      await expect(page.getByTestId('reset-offsets-button')).toHaveAttribute('title', reason);
      await expect(page.getByTestId('group-delete-button')).toBeDisabled();

      // Back to the writable one: New topic is offered again
      await clusters.switchTo('second');
      await topics.navTopics.click();
      await expect(topics.newTopicButton).toBeEnabled();
      await expect(clusters.switcherReadOnly).toHaveCount(0);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await second.stop();
      rmSync(secondDir, { recursive: true, force: true });
    }
  });
}
