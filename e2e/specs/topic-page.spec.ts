/**
 * A topic's page against serve mode and a real broker: its partitions and configs, editing a
 * config inline (the broker's refusal shown, the override visible to the broker, reset), adding
 * partitions, purging records so the log start offset moves, and many partitions rendered
 * virtualized.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { TopicsPage } from '../pages/topics-page';

test('shows the partitions with their offsets, records, size and segments, and every config with its default', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 3, configs: { 'retention.ms': '259200000', 'cleanup.policy': 'delete' } });
  const producer = await connectProducer(serve.status().address ?? '');
  const topics = new TopicsPage(page);
  try {
    await producer.send('orders', 12, { partition: 0, valueBytes: 100 });
    await producer.send('orders', 7, { partition: 1, valueBytes: 100 });
    await topics.open(serve.url);

    // Act
    await topics.openTopic('orders');

    // Assert: partitions
    await expect(topics.partitionRows).toHaveCount(3);
    await expect(topics.statRecords).toHaveText('19');
    await expect(topics.statPartitions).toHaveText('3');
    await expect(topics.partitionCell(0, 'log-start')).toHaveText('0');
    await expect(topics.partitionCell(0, 'high-watermark')).toHaveText('12');
    await expect(topics.partitionCell(0, 'records')).toHaveText('12');
    await expect(topics.partitionCell(0, 'segments')).toHaveText('1');
    await expect(topics.partitionCell(0, 'size')).not.toHaveText('0 B');
    await expect(topics.partitionCell(1, 'records')).toHaveText('7');
    await expect(topics.partitionCell(2, 'records')).toHaveText('0');

    // Assert: live, a write shows up without a reload
    await producer.send('orders', 3, { partition: 2, valueBytes: 100 });
    await expect(topics.partitionCell(2, 'high-watermark')).toHaveText('3');
    await expect(topics.statRecords).toHaveText('22');
    await topics.screenshot('topic-page');

    // Act: configs
    await topics.configsTab.click();

    // Assert: every config, the value in force, the default beside it, overrides marked
    const described = serve.logs().describeConfigs('orders');
    await expect(topics.configRows).toHaveCount(described.length);
    await expect(topics.configPart('retention.ms', 'value')).toContainText('259200000');
    await expect(topics.configPart('retention.ms', 'value')).toContainText('3 days');
    await expect(topics.configPart('retention.ms', 'default')).toContainText('604800000');
    await expect(topics.configPart('retention.ms', 'overridden')).toBeVisible();
    await expect(topics.configPart('segment.bytes', 'value')).toContainText('1073741824');
    await expect(topics.configPart('segment.bytes', 'overridden')).toHaveCount(0);
    await topics.configsOverriddenOnly.check();
    await expect(topics.configRows).toHaveCount(2);
    await topics.configsOverriddenOnly.uncheck();
    await topics.screenshot('topic-configs');
  } finally {
    // Cleanup
    await producer.disconnect();
  }
});

test('edits retention.ms inline: the broker’s refusal is shown, a good value overrides it, reset removes it', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await topics.openTopic('orders');
  await topics.configsTab.click();

  // Act: a value the broker refuses
  await topics.configPart('retention.ms', 'edit').click();
  await topics.configPart('retention.ms', 'input').fill('-5');
  await topics.configPart('retention.ms', 'save').click();

  // Assert
  await expect(topics.configPart('retention.ms', 'error')).toHaveText(
    'invalid value "-5" for topic config retention.ms: expected an integer from -1 to 9223372036854775807',
  );
  expect(serve.logs().describeTopic('orders').configs).toEqual({});

  // Act: a good one
  await topics.configPart('retention.ms', 'input').fill('3600000');
  await topics.configPart('retention.ms', 'save').click();

  // Assert
  await expect(topics.configPart('retention.ms', 'value')).toContainText('3600000');
  await expect(topics.configPart('retention.ms', 'value')).toContainText('1 hour');
  await expect(topics.configPart('retention.ms', 'overridden')).toBeVisible();
  await expect(topics.configPart('retention.ms', 'default')).toContainText('604800000');
  const retention = serve.logs().describeConfigs('orders').find((entry) => entry.name === 'retention.ms');
  expect(retention).toMatchObject({ value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', isDefault: false });

  // Act: reset
  await topics.configPart('retention.ms', 'reset').click();

  // Assert
  await expect(topics.configPart('retention.ms', 'overridden')).toHaveCount(0);
  await expect(topics.configPart('retention.ms', 'value')).toContainText('604800000');
  expect(serve.logs().describeConfigs('orders').find((entry) => entry.name === 'retention.ms')?.source).toBe('DEFAULT_CONFIG');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('adds partitions, and only more than it has', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 2 });
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await topics.openTopic('orders');
  await expect(topics.partitionRows).toHaveCount(2);

  // Act
  await topics.addPartitionsButton.click();
  await topics.addPartitionsCount.fill('2');
  await expect(topics.addPartitionsProblem).toHaveText('The new count must be larger than 2.');
  await expect(topics.addPartitionsSubmit).toBeDisabled();
  await topics.addPartitionsCount.fill('5');
  await expect(topics.addPartitionsSubmit).toHaveText('Add 3 partitions');
  await topics.addPartitionsSubmit.click();

  // Assert
  await expect(topics.addPartitionsDialog).toHaveCount(0);
  await expect(topics.statPartitions).toHaveText('5');
  await expect(topics.partitionRows).toHaveCount(5);
  expect(serve.logs().describeTopic('orders').partitions).toBe(5);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('purges a partition up to an offset, moving its log start, then every partition', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 2 });
  const producer = await connectProducer(serve.status().address ?? '');
  const topics = new TopicsPage(page);
  try {
    await producer.send('orders', 10, { partition: 0 });
    await producer.send('orders', 6, { partition: 1 });
  } finally {
    await producer.disconnect();
  }
  await topics.open(serve.url);
  await topics.openTopic('orders');
  await expect(topics.partitionCell(0, 'records')).toHaveText('10');

  // Act: partition 0, records before offset 4
  await topics.partitionRow(0).getByTestId('partition-purge').click();
  await topics.purgeOffset.fill('4');
  await expect(topics.purgeSummary).toContainText('Deletes the records below offset 4 in partition 0 of orders.');
  await topics.screenshot('purge-records');
  await topics.purgeSubmit.click();

  // Assert
  await expect(topics.purgeDialog).toHaveCount(0);
  await expect(topics.partitionCell(0, 'log-start')).toHaveText('4');
  await expect(topics.partitionCell(0, 'records')).toHaveText('6');
  await expect(topics.partitionCell(0, 'high-watermark')).toHaveText('10');
  await expect(topics.partitionCell(1, 'log-start')).toHaveText('0');
  expect(serve.logs().partitionStats('orders', 0).logStartOffset).toBe(4);

  // Act: an offset past the high watermark of one partition is refused by the broker
  await topics.partitionRow(1).getByTestId('partition-purge').click();
  await topics.purgeOffset.fill('50');
  await topics.purgeSubmit.click();
  await expect(topics.purgeError).toHaveText('cannot delete records of orders-1 up to offset 50: its high watermark is 6');
  expect(serve.logs().partitionStats('orders', 1).logStartOffset).toBe(0);

  // Act: everything in every partition
  await topics.purgeScopeAll.check();
  await topics.purgeEverything.check();
  await topics.purgeSubmit.click();

  // Assert
  await expect(topics.purgeDialog).toHaveCount(0);
  await expect(topics.statRecords).toHaveText('0');
  await expect(topics.partitionCell(0, 'log-start')).toHaveText('10');
  await expect(topics.partitionCell(1, 'log-start')).toHaveText('6');
  expect(serve.logs().partitionStats('orders', 1).logStartOffset).toBe(6);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('a topic deleted from its own page takes the console back to the list', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await topics.openTopic('orders');

  // Act
  await topics.topicDeleteButton.click();
  await topics.deleteConfirm.fill('orders');
  await topics.deleteSubmit.click();

  // Assert
  await expect(topics.view).toBeVisible();
  await expect(topics.row('orders')).toHaveCount(0);
  expect(serve.logs().hasTopic('orders')).toBe(false);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('renders the partitions of a topic with many of them virtualized, a page at a time', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('wide', { partitions: 120 });
  const topics = new TopicsPage(page);
  await topics.open(serve.url);

  // Act
  await topics.openTopic('wide');

  // Assert: the first page's rows around the view only
  await expect(topics.partitionRow(0)).toBeVisible();
  expect(await topics.partitionRows.count()).toBeLessThanOrEqual(40);
  await expect(topics.partitionRow(49)).toHaveCount(0);

  // Act + Assert: scrolled to its end, the page's last rows are rendered
  await topics.partitionsScroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(topics.partitionRow(49)).toBeVisible();

  // Act + Assert: the next page starts at its top
  await topics.partitionsNext.click();
  await expect(topics.partitionRow(50)).toBeVisible();
  expect(await topics.partitionRows.count()).toBeLessThanOrEqual(40);
  // Cleanup: the fixture stops the broker and removes its data dir.
});
