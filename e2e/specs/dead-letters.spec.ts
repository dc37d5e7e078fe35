/**
 * Dead letters against serve mode and a real broker: a policy set on a topic's page makes the
 * broker's sweeper dead-letter what the group leaves unconsumed; the sidebar counts the new ones;
 * the Dead letters view shows each with its reason and source (and links to the original); they
 * are replayed (to a chosen topic, then again to the original topic, after being asked), and
 * discarded; the view's place survives back and a reload. An application's own DLQ (Spring's
 * headers) is recognized and exported as JSON Lines.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { DeadLettersPage } from '../pages/dead-letters-page';
import { MessagesPage } from '../pages/messages-page';
import { TopicsPage } from '../pages/topics-page';

test.describe('the sweeper', () => {
  // The sweeper runs four times a second, so a record dies within ~1.25 s of its maximum age.
  test.use({ serveOptions: { config: { 'dlq.sweep.interval.ms': '250' } } });

  test('dead-letters what the group leaves unconsumed; the records are shown, replayed and discarded', async ({ page, serve }) => {
    // Arrange: a topic with three records that no consumer reads, and a topic to replay into
    serve.logs().createTopic('orders', { partitions: 1 });
    serve.logs().createTopic('orders.retry', { partitions: 1 });
    const producer = await connectProducer(serve.status().address ?? '', 'e2e-dead-letters');
    const topics = new TopicsPage(page);
    const deadLetters = new DeadLettersPage(page);
    const messages = new MessagesPage(page);
    try {
      await producer.sendRecords(
        'orders',
        [0, 1, 2].map((n) => ({ key: `customer-${n}`, value: JSON.stringify({ order: 1000 + n, amount: 12.5 }), headers: { trace: `t-${n}` } })),
      );
      await topics.open(serve.url);
      await topics.openTopic('orders');

      // Act: the policy, set on the topic's page
      await deadLetters.setPolicy({ enabled: true, group: 'e2e-idle', maxAge: ['1', 's'] });
      await deadLetters.screenshot('policy');

      // Assert: the policy is four of the topic's configs, labelled as Eddy's own
      await topics.configsTab.click();
      await expect(topics.configPart('dlq.enable', 'value')).toContainText('true');
      await expect(topics.configPart('dlq.group', 'value')).toContainText('e2e-idle');
      await expect(topics.configRow('dlq.max.age.ms').getByTestId('config-source')).toHaveText('Eddy default');
      await expect(topics.configRow('dlq.topic').getByTestId('config-eddy')).toBeVisible();
      await expect(topics.configRow('retention.ms').getByTestId('config-eddy')).toHaveCount(0);

      // Assert: the records die, and the sidebar counts them as new
      await expect(deadLetters.navBadge).toHaveText('3', { timeout: 15_000 });
      await deadLetters.screenshot('sidebar-count', { focus: topics.configRow('dlq.topic') });

      // Act: the Dead letters view
      await deadLetters.openFromSidebar();

      // Assert: seen, so no longer new; the DLQ topic, its counts, each record's reason and source
      await expect(deadLetters.navBadge).toHaveCount(0);
      await expect(deadLetters.viewTopic).toHaveText('orders.dlq');
      expect(await deadLetters.route()).toBe('#/dead-letters?topic=orders.dlq');
      await expect(deadLetters.topicCell('orders.dlq', 'records')).toHaveText('3');
      await expect(deadLetters.topicCell('orders.dlq', 'dead')).toHaveText('3');
      await expect(deadLetters.total).toHaveText('3 dead letters');
      for (const offset of [0, 1, 2]) {
        await expect(deadLetters.cell(0, offset, 'reason')).toContainText('not consumed by group "e2e-idle"');
        await expect(deadLetters.cell(0, offset, 'source')).toHaveText(`orders / 0 / ${offset}`);
        await expect(deadLetters.cell(0, offset, 'format')).toHaveText('Eddy sweeper');
        await deadLetters.expectState(0, offset, 'dead');
      }
      await expect(deadLetters.summary.getByTestId('dlq-summary-source')).toContainText('orders');
      await expect(deadLetters.sweeper.getByTestId('sweeper-topic')).toContainText('e2e-idle');
      await expect(deadLetters.sweeper.getByTestId('sweeper-topic-moved')).toHaveText('3');
      await deadLetters.screenshot('view', { height: 1200 });

      // Act + Assert: "Sweep now" runs a sweep (nothing more to move)
      await deadLetters.sweepNow.click();
      await expect(deadLetters.sweeperTotal).toHaveText('3');

      // Act: a reload elsewhere keeps them seen
      await topics.navTopics.click();
      await page.reload();
      await expect(topics.topicPage).toBeVisible();
      await expect(deadLetters.nav).toBeVisible();
      await expect(deadLetters.navBadge).toHaveCount(0);
      await page.goBack();
      await expect(deadLetters.view).toBeVisible();

      // Act: one dead letter's detail
      await deadLetters.openRow(0, 1);

      // Assert: why, from where, which group, the record itself
      await expect(deadLetters.detailReason).toContainText('not consumed by group "e2e-idle"');
      await expect(deadLetters.detailSource).toContainText('orders / 0 / 1');
      await expect(deadLetters.detailGroup).toHaveText('e2e-idle');
      await expect(deadLetters.detailState).toHaveAttribute('data-state', 'dead');
      await expect(page.getByTestId('detail-value')).toContainText('1001');
      await page.getByTestId('dead-letter-tab-headers').click();
      await expect(page.locator('[data-testid="detail-header"][data-header="trace"]')).toContainText('t-1');
      await deadLetters.screenshot('detail', { focus: deadLetters.detail });

      // Act + Assert: the original, in the Messages view; back returns to the dead letter
      await deadLetters.detailOriginal.click();
      await expect(messages.view).toBeVisible();
      await expect(messages.viewTopic).toHaveText('orders');
      await expect(messages.detail).toHaveAttribute('data-offset', '1');
      await page.goBack();
      await expect(deadLetters.detail).toHaveAttribute('data-offset', '1');
      await deadLetters.detailClose.click();

      // Act: replay the first one to another topic
      await deadLetters.check(0, 0);
      await expect(deadLetters.chosen).toHaveText('1 dead letter checked');
      await deadLetters.replay({ topic: 'orders.retry' });
      await expect(deadLetters.replaySummary).toHaveText('Done: 1 dead letter replayed.');
      await deadLetters.screenshot('replay-done');
      await deadLetters.closeReplay();

      // Assert: the copy is in the target topic; the dead letter shows as replayed, and where to
      expect(serve.logs().partitionStats('orders.retry', 0).highWatermark).toBe(1);
      await deadLetters.expectState(0, 0, 'replayed');
      await expect(deadLetters.topicCell('orders.dlq', 'replayed')).toHaveText('1');
      await deadLetters.openRow(0, 0);
      await expect(deadLetters.detailReplay).toContainText('orders.retry');

      // Act: replay it again, to its original topic
      await deadLetters.replayButton.click();
      await deadLetters.replayTargetOriginal.check();
      await deadLetters.replayRate.fill('50');
      await deadLetters.screenshot('replay-form');
      await deadLetters.replaySubmit.click();

      // Assert: the console asks first, since it was replayed already
      await expect(deadLetters.replayAskAgain).toHaveText(/^It was replayed already — replay it again\?/);
      await deadLetters.screenshot('replay-ask-again');
      await deadLetters.replayAgain.click();
      await expect(deadLetters.replayJob).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
      await deadLetters.closeReplay();

      // Assert: the original topic has the copy
      expect(serve.logs().partitionStats('orders', 0).highWatermark).toBe(4);
      await expect(deadLetters.detailReplay).toContainText('orders, partition 0, offset 3');

      // Act: discard the second one (two checked by shift-click, one unchecked)
      await deadLetters.choiceClear.click();
      await deadLetters.check(0, 1);
      await deadLetters.check(0, 2, true);
      await expect(deadLetters.chosen).toHaveText('2 dead letters checked');
      await deadLetters.check(0, 2);
      await expect(deadLetters.chosen).toHaveText('1 dead letter checked');
      await deadLetters.discardChosen();

      // Assert: discarded; a filter by state lists only those still dead
      await deadLetters.expectState(0, 1, 'discarded');
      await expect(deadLetters.topicCell('orders.dlq', 'discarded')).toHaveText('1');
      await deadLetters.filterState.selectOption('dead');
      await expect(deadLetters.row(0, 2)).toBeVisible();
      await expect(deadLetters.row(0, 0)).toHaveCount(0);
      await expect(deadLetters.row(0, 1)).toHaveCount(0);
      expect(await deadLetters.route()).toContain('state=dead');
      await deadLetters.filterClear.click();
      await deadLetters.expectState(0, 1, 'discarded');
      await deadLetters.openRow(0, 1);
      await deadLetters.screenshot('after-replay-and-discard', { focus: deadLetters.detail });
    } finally {
      // Cleanup: the fixture stops the broker and removes its data dir.
      await producer.disconnect();
    }
  });
});

test('recognizes an application’s own DLQ by its Spring headers, and exports every dead letter matching a filter', async ({ page, serve }) => {
  // Arrange: what Spring Kafka's DeadLetterPublishingRecoverer writes (partition and offset are big-endian binary)
  serve.logs().createTopic('payments.DLT', { partitions: 1 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-spring-dlt');
  const deadLetters = new DeadLettersPage(page);
  const partition = Buffer.alloc(4);
  partition.writeInt32BE(2);
  const springHeaders = (offset: number, message: string) => {
    const at = Buffer.alloc(8);
    at.writeBigInt64BE(BigInt(offset));
    return {
      'kafka_dlt-original-topic': 'payments',
      'kafka_dlt-original-partition': partition,
      'kafka_dlt-original-offset': at,
      'kafka_dlt-original-consumer-group': 'payments-app',
      'kafka_dlt-exception-fqcn': 'org.springframework.kafka.listener.ListenerExecutionFailedException',
      'kafka_dlt-exception-message': message,
    };
  };
  try {
    await producer.sendRecords('payments.DLT', [
      { key: 'p-1', value: '{"amount": -5}', headers: springHeaders(41, 'amount must be positive') },
      { key: 'p-2', value: '{"amount": 7}', headers: springHeaders(42, 'card declined') },
      { key: 'p-3', value: '{"amount": -1}', headers: springHeaders(43, 'amount must be positive') },
    ]);

    // Act
    await deadLetters.open(serve.url);
    await deadLetters.chooseTopic('payments.DLT');

    // Assert: recognized, with Spring's provenance
    await expect(deadLetters.total).toHaveText('3 dead letters');
    await expect(deadLetters.cell(0, 0, 'reason')).toHaveText('amount must be positive');
    await expect(deadLetters.cell(0, 1, 'source')).toHaveText('payments / 2 / 42');
    await expect(deadLetters.cell(0, 0, 'format')).toHaveText('Spring');
    await expect(deadLetters.sweeper.getByTestId('sweeper-no-policies')).toBeVisible();
    await deadLetters.openRow(0, 1);
    await expect(page.getByTestId('dead-letter-detail-exception')).toHaveText('org.springframework.kafka.listener.ListenerExecutionFailedException');
    await expect(deadLetters.detailGroup).toHaveText('payments-app');
    await deadLetters.screenshot('spring', { focus: deadLetters.detail });

    // Act: filter by reason, choose all that match, export
    await deadLetters.filterReason.selectOption('amount must be positive');
    await expect(deadLetters.total).toHaveText('2 dead letters match the filter');
    await deadLetters.chooseAll.click();
    await expect(deadLetters.chosen).toHaveText('All 2 dead letters matching the filter chosen');
    const download = await deadLetters.exportChosen();

    // Assert: one JSON line per dead letter that matches
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('amount must be positive');
    expect(lines.join('\n')).not.toContain('card declined');
    await deadLetters.screenshot('export');
  } finally {
    // Cleanup: the fixture stops the broker and removes its data dir.
    await producer.disconnect();
  }
});
