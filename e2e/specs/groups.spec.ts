/**
 * The Consumer groups view against serve mode, a real broker and real kafkajs clients: a group a
 * consumer joined is listed with its state and members; lag = records produced − position the
 * client committed, per partition and in total, live; the topic page shows it too; delete with
 * confirmation, refused while the group has members.
 */
import { expect, test } from '../fixtures/serve';
import { joinGroup } from '../fixtures/kafka-consumer';
import { connectProducer } from '../fixtures/kafka-producer';
import { GroupsPage } from '../pages/groups-page';
import { TopicsPage } from '../pages/topics-page';

test.use({ serveOptions: { config: { 'group.initial.rebalance.delay.ms': '0' } } });

test('lists a kafkajs group with its state and members, and lag = produced − committed, live', async ({ page, serve }) => {
  // Arrange: 10 + 6 records; the consumer commits positions 7 and 6, so the lag is 3 + 0.
  serve.logs().createTopic('orders', { partitions: 2 });
  const address = serve.status().address ?? '';
  const producer = await connectProducer(address);
  const consumer = await joinGroup(address, 'billing', 'orders', 'billing-service');
  const groups = new GroupsPage(page);
  try {
    await producer.send('orders', 10, { partition: 0 });
    await producer.send('orders', 6, { partition: 1 });
    await expect.poll(() => consumer.received(), { timeout: 15_000 }).toBe(16);
    await consumer.commit('orders', { 0: 7, 1: 6 });

    // Act
    await groups.open(serve.url);

    // Assert: the list
    await expect(groups.rows).toHaveCount(1);
    await expect(groups.cell('billing', 'row-state')).toHaveAttribute('data-state', 'Stable');
    await expect(groups.cell('billing', 'members')).toHaveText('1');
    await expect(groups.cell('billing', 'protocol')).toContainText('RoundRobin');
    await expect(groups.cell('billing', 'lag')).toHaveText('3');
    await groups.screenshot('groups-list');

    // Act: the group's page
    await groups.openGroup('billing');

    // Assert: members with client id, host and assignment; lag per partition
    await expect(groups.state).toHaveAttribute('data-state', 'Stable');
    await expect(groups.statMembers).toHaveText('1');
    await expect(groups.memberRows).toHaveCount(1);
    await expect(groups.memberRows.getByTestId('member-client-id')).toHaveText('billing-service');
    await expect(groups.memberRows.getByTestId('member-host')).not.toBeEmpty();
    await expect(groups.memberRows.getByTestId('member-assignment')).toHaveText('orders: 0, 1');
    await expect(groups.lagCell('orders', 0, 'committed')).toHaveText('7');
    await expect(groups.lagCell('orders', 0, 'end')).toHaveText('10');
    await expect(groups.lagCell('orders', 0, 'value')).toHaveText('3');
    await expect(groups.lagCell('orders', 1, 'committed')).toHaveText('6');
    await expect(groups.lagCell('orders', 1, 'value')).toHaveText('0');
    await expect(groups.statLag).toContainText('3');

    // Act: more records arrive; the client then commits part of them
    await producer.send('orders', 5, { partition: 1 });

    // Assert: live, no reload
    await expect(groups.lagCell('orders', 1, 'end')).toHaveText('11');
    await expect(groups.lagCell('orders', 1, 'value')).toHaveText('5');
    await expect(groups.statLag).toContainText('8');
    await consumer.commit('orders', { 1: 9 });
    await expect(groups.lagCell('orders', 1, 'value')).toHaveText('2');
    await expect(groups.statLag).toContainText('5');
    const committed = serve.groups().committedOffsets('billing').map(({ partition, offset }) => [partition, Number(offset)]);
    expect(committed).toEqual([[0, 7], [1, 9]]);
    await expect(groups.lagChart).toHaveAttribute('data-last-lag', '5', { timeout: 15_000 });
    await expect.poll(async () => Number(await groups.lagChart.getAttribute('data-samples')), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await page.setViewportSize({ width: 1280, height: 1060 });
    await groups.screenshot('group-page');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Act: the topic page shows the group's lag on that topic
    const topics = new TopicsPage(page);
    await topics.navTopics.click();
    await topics.openTopic('orders');
    await page.getByTestId('tab-consumers').click();

    // Assert
    const lagRow = page.locator('[data-testid="topic-lag-row"][data-group="billing"]');
    await expect(lagRow.getByTestId('topic-lag-total')).toHaveText('5');
    await expect(lagRow.getByTestId('topic-lag-state')).toHaveAttribute('data-state', 'Stable');
    await topics.screenshot('topic-consumers');
  } finally {
    // Cleanup
    await consumer.disconnect();
    await producer.disconnect();
  }
});

test('deletes a group after confirmation, and the broker refuses while it has members', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  const address = serve.status().address ?? '';
  const consumer = await joinGroup(address, 'billing', 'orders');
  const groups = new GroupsPage(page);
  try {
    await consumer.commit('orders', { 0: 0 });
    await groups.open(serve.url);
    await groups.openGroup('billing');

    // Act: delete while the consumer is connected
    await groups.deleteButton.click();
    await groups.deleteConfirm.fill('billing');
    await groups.deleteSubmit.click();

    // Assert: the broker's refusal, and the group still there
    await expect(groups.deleteError).toHaveText('cannot delete consumer group "billing": it has active members; stop its consumers first');
    expect(serve.groups().describeGroup('billing')).toBeDefined();
    await page.getByTestId('delete-group-dialog-close').click();

    // Act: the consumer leaves; delete again
    await consumer.disconnect();
    await expect(groups.state).toHaveAttribute('data-state', 'Empty');
    await groups.deleteButton.click();
    await expect(groups.deleteSubmit).toBeDisabled();
    await groups.deleteConfirm.fill('billing');
    await groups.deleteSubmit.click();

    // Assert: back to the list, the group gone from the console and the broker
    await expect(groups.view).toBeVisible();
    await expect(groups.row('billing')).toHaveCount(0);
    await expect(groups.empty).toBeVisible();
    expect(serve.groups().describeGroup('billing')).toBeUndefined();
  } finally {
    // Cleanup
    await consumer.disconnect();
  }
});
