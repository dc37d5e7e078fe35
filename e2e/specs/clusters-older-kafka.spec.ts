/**
 * A remote cluster older than the Kafka client the console administers with: librdkafka's mock
 * cluster (3 brokers, each partition of the topic led by another one), which speaks the versions
 * of Kafka 2.x clients (Metadata up to v2, Fetch up to v11) and has no administration APIs. Test
 * connection says which features will not work and why; its topics and records are browsed all
 * the same, and the actions it cannot take are offered disabled, saying why; the Groups view says
 * why it cannot list groups there. Each cluster keeps its own topic
 * filter text across switches. Screenshotted as clusters-older-*.png.
 */
import { startMockCluster, type MockCluster } from '../../broker-core/test/support/mock-cluster';
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { ClustersPage } from '../pages/clusters-page';
import { GroupsPage } from '../pages/groups-page';
import { MessagesPage } from '../pages/messages-page';
import { TopicsPage } from '../pages/topics-page';

const BROKERS = 3;

test("browses an older Kafka (librdkafka's mock cluster): what it lacks is named, what it has is shown", async ({ page, serve }) => {
  test.setTimeout(120_000);
  const mock: MockCluster = await startMockCluster(BROKERS);
  const clusters = new ClustersPage(page);
  const topics = new TopicsPage(page);
  const groups = new GroupsPage(page);
  const messages = new MessagesPage(page);
  try {
    // Arrange: a 3-partition topic, each partition led by another broker, with 6 records from kafkajs
    await mock.createTopic('legacy-orders', 3, BROKERS);
    for (let partition = 0; partition < 3; partition++) await mock.setLeader('legacy-orders', partition, partition + 1);
    const producer = await connectProducer(mock.bootstrap.split(',')[0]!, 'e2e-older-kafka');
    try {
      await producer.sendRecords('legacy-orders', Array.from({ length: 6 }, (_, n) => ({ key: `k-${n}`, value: JSON.stringify({ order: n }), partition: n % 3 })));
    } finally {
      await producer.disconnect();
    }
    serve.logs().createTopic('local-orders', { partitions: 1 });

    // Act: add the connection and test it
    await clusters.open(serve.url);
    const localName = (await clusters.switcherName.textContent()) ?? '';
    await clusters.newConnection.click();
    await clusters.fillForm('legacy', mock.bootstrap.split(',')[0]!);
    await clusters.testForm();

    // Assert: every step ok; the features it lacks are named, with why
    await expect(clusters.formDiagnosis).toHaveAttribute('data-ok', 'true');
    const versions = clusters.formDiagnosis.getByTestId('cluster-form-diagnosis-step-api-versions');
    await expect(versions).toHaveAttribute('data-status', 'ok');
    await expect(versions).toContainText('Metadata up to v2, Fetch up to v11');
    await expect(versions).toContainText('creating topics: the cluster does not offer CreateTopics');
    await expect(clusters.formDiagnosis.getByTestId('cluster-form-diagnosis-step-brokers')).toContainText('3 brokers reachable');
    await clusters.screenshot('clusters-older-diagnosis');
    await clusters.saveForm();

    // Act: open it; Assert: its topic with its 6 records, its 3 partitions
    await clusters.row('legacy').getByRole('button', { name: 'Open legacy' }).click();
    await expect(clusters.switcherName).toHaveText('legacy', { timeout: 20_000 });
    await expect(topics.row('legacy-orders')).toBeVisible({ timeout: 20_000 });
    await expect(topics.row('local-orders')).toHaveCount(0);
    await expect(topics.cell('legacy-orders', 'records')).toHaveText('6');
    await expect(topics.cell('legacy-orders', 'partitions')).toHaveText('3');
    // What it cannot do is offered disabled, saying why; what it can (produce) is offered
    await expect(topics.newTopicButton).toBeDisabled();
    await expect(topics.newTopicButton).toHaveAttribute('title', 'Creating a topic is not available on this cluster: the cluster does not offer CreateTopics at all');
    await expect(topics.row('legacy-orders').getByRole('button', { name: 'Delete legacy-orders' })).toBeDisabled();
    await expect(topics.row('legacy-orders').getByRole('button', { name: 'Delete legacy-orders' })).toHaveAttribute('title', 'Deleting a topic is not available on this cluster: the cluster does not offer DeleteTopics at all');
    await clusters.screenshot('clusters-older-topics');

    // The records, read from each partition's leader
    await messages.nav.click();
    await messages.chooseTopic('legacy-orders');
    await expect(messages.rows).toHaveCount(6);
    await expect(page.getByTestId('record-produce-again').first()).toBeEnabled();
    await clusters.screenshot('clusters-older-messages');

    // Groups: the cluster has no ListGroups for this console, and the view says so
    await groups.navGroups.click();
    await expect(page.getByTestId('groups-view')).toContainText('Listing groups is not available on this cluster', { timeout: 20_000 });
    await clusters.screenshot('clusters-older-groups');

    // Each cluster keeps its own topic filter
    await topics.navTopics.click();
    await topics.filter.fill('legacy');
    await clusters.switchTo(localName);
    await topics.navTopics.click();
    await expect(topics.row('local-orders')).toBeVisible({ timeout: 20_000 });
    await expect(topics.filter).toHaveValue('');
    await clusters.switchTo('legacy');
    await topics.navTopics.click();
    await expect(topics.filter).toHaveValue('legacy');
    await expect(topics.row('legacy-orders')).toBeVisible({ timeout: 20_000 });
  } finally {
    mock.stop();
  }
});
