/**
 * The Topics list against serve mode and a real broker: creating a topic from the form, the
 * name rule checked as it is typed and the broker's refusal shown, topics a real Kafka client
 * creates appearing live with their record counts, deleting with a typed confirmation, and a
 * long list rendered virtualized (a bounded number of rows) yet searchable by the filter.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { TopicsPage } from '../pages/topics-page';

test('creates a topic from the form and lists it with its partitions and configs', async ({ page, serve }) => {
  // Arrange
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await expect(topics.empty).toBeVisible();

  // Act
  await topics.fillCreateForm({ name: 'orders.v1', partitions: 3, retention: ['2', 'd'], segment: ['64', 'MiB'] });
  await expect(topics.createNameProblem).toHaveCount(0);
  await topics.screenshot('create-topic');
  await topics.createSubmit.click();

  // Assert
  await expect(topics.createDialog).toHaveCount(0);
  await expect(topics.row('orders.v1')).toBeVisible();
  await expect(topics.cell('orders.v1', 'partitions')).toHaveText('3');
  await expect(topics.cell('orders.v1', 'records')).toHaveText('0');
  await expect(topics.cell('orders.v1', 'last-write')).toHaveText('never');
  await expect(topics.count).toHaveText('1');
  expect(serve.logs().describeTopic('orders.v1')).toMatchObject({ partitions: 3, configs: { 'retention.ms': '172800000', 'segment.bytes': '67108864' } });
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('checks the name by Kafka’s rules as it is typed, and shows the broker’s refusal', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('payments.eu');
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await topics.newTopicButton.click();

  // Act + Assert: each rule, as the name is typed
  await topics.createName.fill('bad name!');
  await expect(topics.createNameProblem).toHaveText("A topic name may contain only ASCII letters, digits, '.', '_' and '-'.");
  await topics.createName.fill('..');
  await expect(topics.createNameProblem).toHaveText('A topic name cannot be "." or "..".');
  await topics.createName.fill('t'.repeat(250));
  await expect(topics.createNameProblem).toHaveText('A topic name has at most 249 characters (this one has 250).');
  await topics.createName.fill('payments.eu');
  await expect(topics.createNameProblem).toHaveText('A topic named "payments.eu" already exists.');
  await topics.createSubmit.click();
  await expect(topics.createSubmit).toBeDisabled();
  await topics.createName.fill('t'.repeat(249));
  await expect(topics.createNameProblem).toHaveCount(0);

  // Act: a name the form accepts but the broker refuses ('.' and '_' collide in Kafka's metric names)
  await topics.createName.fill('payments_eu');
  await topics.createSubmit.click();

  // Assert
  await expect(topics.createError).toHaveText('topic "payments_eu" collides with existing topic "payments.eu" (\'.\' and \'_\' are the same in metric names)');
  await expect(topics.createDialog).toBeVisible();
  expect(serve.logs().hasTopic('payments_eu')).toBe(false);
  await topics.screenshot('create-topic-refused');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('shows a topic a Kafka client creates by producing to it, live, with its record count', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 3, configs: { 'retention.ms': '86400000' } });
  serve.logs().createTopic('audit-log', { partitions: 1 });
  serve.logs().createTopic('payments.v2', { partitions: 6, configs: { 'segment.bytes': '16777216', 'retention.ms': '-1' } });
  serve.logs().createTopic('inventory-updates', { partitions: 12 });
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await expect(topics.rows).toHaveCount(4);
  const producer = await connectProducer(serve.status().address ?? '');

  try {
    // Act
    await producer.send('clicks', 5, { label: 'click' });

    // Assert: it appears without a reload, with the records the client wrote
    await expect(topics.row('clicks')).toBeVisible();
    await expect(topics.cell('clicks', 'records')).toHaveText('5');
    await expect(topics.cell('clicks', 'partitions')).toHaveText('1');
    await expect(topics.cell('clicks', 'last-write')).not.toHaveText('never');
    expect(serve.logs().hasTopic('clicks')).toBe(true);

    // Act: more writes, to several topics
    await producer.send('clicks', 1200, { label: 'click', valueBytes: 200 });
    await producer.send('orders', 40, { partition: 0, valueBytes: 120 });
    await producer.send('orders', 25, { partition: 2, valueBytes: 120 });
    await producer.send('payments.v2', 310, { valueBytes: 480 });

    // Assert: the counts follow
    await expect(topics.cell('clicks', 'records')).toHaveText('1,205');
    await expect(topics.cell('orders', 'records')).toHaveText('65');
    await expect(topics.cell('orders', 'size')).not.toHaveText('0 B');
    await expect(topics.cell('payments.v2', 'records')).toHaveText('310');
    await expect(topics.count).toHaveText('5');
    await topics.screenshot('topics-list');
  } finally {
    // Cleanup
    await producer.disconnect();
  }
});

test('deletes a topic only once its name is typed', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('staging.events', { partitions: 2 });
  serve.logs().createTopic('orders');
  const topics = new TopicsPage(page);
  await topics.open(serve.url);

  // Act
  await topics.row('staging.events').getByTestId('delete-topic-button').click();
  await expect(topics.deleteDialog).toBeVisible();
  await expect(topics.deleteSubmit).toBeDisabled();
  await topics.deleteConfirm.fill('staging.event');
  await expect(topics.deleteSubmit).toBeDisabled();
  await topics.deleteConfirm.fill('staging.events');
  await expect(topics.deleteSubmit).toBeEnabled();
  await topics.screenshot('delete-topic');
  await topics.deleteSubmit.click();

  // Assert
  await expect(topics.deleteDialog).toHaveCount(0);
  await expect(topics.row('staging.events')).toHaveCount(0);
  await expect(topics.row('orders')).toBeVisible();
  expect(serve.logs().hasTopic('staging.events')).toBe(false);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('renders a list of 1,000 topics virtualized, and finds any of them by the filter', async ({ page, serve }) => {
  // Arrange
  const names = Array.from({ length: 1000 }, (_, index) => `bulk.topic-${String(index).padStart(4, '0')}`);
  for (const name of names) serve.logs().createTopic(name);
  const topics = new TopicsPage(page);

  // Act
  await topics.open(serve.url);

  // Assert: every topic is counted, but only the rows around the view are rendered
  await expect(topics.count).toHaveText('1,000');
  await expect(topics.row('bulk.topic-0000')).toBeVisible();
  const rendered = await topics.rows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThanOrEqual(60);
  await expect(topics.row('bulk.topic-0999')).toHaveCount(0);
  await topics.screenshot('topics-list-long');

  // Act + Assert: scrolling to the end renders the last rows, still a bounded number
  await topics.scrollListToEnd();
  await expect(topics.row('bulk.topic-0999')).toBeVisible();
  await expect(topics.row('bulk.topic-0000')).toHaveCount(0);
  expect(await topics.rows.count()).toBeLessThanOrEqual(60);

  // Act + Assert: the filter finds a topic far down the list (no cap on what it searches)
  await topics.filter.fill('topic-0742');
  await expect(topics.rows).toHaveCount(1);
  await expect(topics.row('bulk.topic-0742')).toBeVisible();
  await topics.openTopic('bulk.topic-0742');
  await expect(topics.partitionRows).toHaveCount(1);
  // Cleanup: the fixture stops the broker and removes its data dir.
});
