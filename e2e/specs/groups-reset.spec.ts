/**
 * Resetting a group's offsets against serve mode, a real broker and a real kafkajs consumer: the
 * preview shows current → new offset per partition and the records read again or skipped before
 * anything changes; applying on an empty group sets exactly those offsets in the broker; on an
 * active group (consumer connected) the broker's refusal is shown and nothing changes.
 */
import { expect, test } from '../fixtures/serve';
import { joinGroup, type TestConsumer } from '../fixtures/kafka-consumer';
import { connectProducer } from '../fixtures/kafka-producer';
import { GroupsPage } from '../pages/groups-page';

test.use({ serveOptions: { config: { 'group.initial.rebalance.delay.ms': '0' } } });

/** orders: 10 records in partition 0, 6 in partition 1; group billing committed 7 and 6. */
async function arrangeGroup(address: string, create: () => void): Promise<TestConsumer> {
  create();
  const producer = await connectProducer(address);
  try {
    await producer.send('orders', 10, { partition: 0 });
    await producer.send('orders', 6, { partition: 1 });
  } finally {
    await producer.disconnect();
  }
  const consumer = await joinGroup(address, 'billing', 'orders');
  await consumer.commit('orders', { 0: 7, 1: 6 });
  return consumer;
}

const committedOffsets = (offsets: Array<{ partition: number; offset: bigint }>) => offsets.map(({ partition, offset }) => [partition, Number(offset)]);

test('previews a reset of an empty group, then applies exactly the previewed offsets', async ({ page, serve }) => {
  // Arrange: the consumer disconnected, so the group is empty
  const consumer = await arrangeGroup(serve.status().address ?? '', () => serve.logs().createTopic('orders', { partitions: 2 }));
  await consumer.disconnect();
  const groups = new GroupsPage(page);
  await groups.open(serve.url);
  await groups.openGroup('billing');
  await expect(groups.state).toHaveAttribute('data-state', 'Empty');
  await expect(groups.membersEmpty).toBeVisible();

  // Act: preview "to earliest" for the whole topic
  await groups.resetButton.click();
  await expect(groups.resetActiveWarning).toHaveCount(0);
  await groups.resetTarget.selectOption('earliest');
  await groups.resetPreviewButton.click();

  // Assert: current → new and what is read again, before anything changed
  await expect(groups.resetRows).toHaveCount(2);
  await expect(groups.resetCell(0, 'current')).toHaveText('7');
  await expect(groups.resetCell(0, 'new')).toContainText('0');
  await expect(groups.resetCell(0, 'effect')).toHaveText('re-reads 7');
  await expect(groups.resetCell(1, 'current')).toHaveText('6');
  await expect(groups.resetCell(1, 'effect')).toHaveText('re-reads 6');
  await expect(groups.resetSummary).toHaveText('13 records will be read again');
  expect(committedOffsets(serve.groups().committedOffsets('billing'))).toEqual([[0, 7], [1, 6]]);
  await groups.screenshot('reset-preview');

  // Act: change the choice (drops the preview): partition 0 only, forward by 2; then past the end
  await groups.resetScope.selectOption('some');
  await expect(groups.resetPreview).toHaveCount(0);
  await groups.resetPartitions.fill('0');
  await groups.resetTarget.selectOption('shift');
  await groups.resetValue.fill('+50');
  await groups.resetPreviewButton.click();

  // Assert: clamped to the high watermark, as Kafka's tool does
  await expect(groups.resetRows).toHaveCount(1);
  await expect(groups.resetCell(0, 'new')).toContainText('10');
  await expect(groups.resetCell(0, 'new')).toContainText('clamped');
  await expect(groups.resetCell(0, 'effect')).toHaveText('skips 3');

  // Act: shift back by 2 and apply
  await groups.resetValue.fill('-2');
  await groups.resetPreviewButton.click();
  await expect(groups.resetCell(0, 'new')).toContainText('5');
  await expect(groups.resetSummary).toHaveText('2 records will be read again');
  await groups.resetApply.click();

  // Assert: the broker has exactly the previewed offsets; the page shows the new lag
  await expect(groups.resetDialog).toHaveCount(0);
  expect(committedOffsets(serve.groups().committedOffsets('billing'))).toEqual([[0, 5], [1, 6]]);
  await expect(groups.lagCell('orders', 0, 'committed')).toHaveText('5');
  await expect(groups.lagCell('orders', 0, 'value')).toHaveText('5');
  await expect(groups.statLag).toContainText('5');
  // Cleanup: the consumer is disconnected; the fixture stops the broker and removes its data dir.
});

test('refuses to reset an active group, with the broker’s message, and changes nothing', async ({ page, serve }) => {
  // Arrange: the consumer stays connected
  const consumer = await arrangeGroup(serve.status().address ?? '', () => serve.logs().createTopic('orders', { partitions: 2 }));
  const groups = new GroupsPage(page);
  try {
    await groups.open(serve.url);
    await groups.openGroup('billing');
    await expect(groups.state).toHaveAttribute('data-state', 'Stable');

    // Act
    await groups.resetButton.click();
    await expect(groups.resetActiveWarning).toBeVisible();
    await groups.resetTarget.selectOption('latest');
    await groups.resetPreviewButton.click();
    await expect(groups.resetCell(0, 'effect')).toHaveText('skips 3');
    await groups.resetApply.click();

    // Assert
    await expect(groups.resetError).toContainText('The group must be inactive to reset its offsets:');
    await expect(groups.resetError).toContainText('cannot reset offsets of consumer group "billing": it has 1 active member(s) (state Stable); stop its consumers first');
    await expect(groups.resetDialog).toBeVisible();
    expect(committedOffsets(serve.groups().committedOffsets('billing'))).toEqual([[0, 7], [1, 6]]);
    await groups.screenshot('reset-refused');
  } finally {
    // Cleanup
    await consumer.disconnect();
  }
});
