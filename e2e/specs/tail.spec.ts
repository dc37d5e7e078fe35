/**
 * Tailing a topic live against serve mode and a real broker, with records written by a real
 * client (kafkajs) while the view watches: records appear as they arrive; pause freezes the view
 * and resume brings what came meanwhile, none missing; a filter (the JavaScript predicate
 * included) applies live; partitions added are taken in; a topic deleted while tailed is said in
 * place and the tail stops; the tail under a steady load.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer, type TestProducer } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';
import { TailPage } from '../pages/tail-page';

/** `count` records `<label>-<n>` over the partitions in turn, sent in batches of 50. */
async function produce(producer: TestProducer, topic: string, label: string, count: number, partitions: number): Promise<void> {
  const records = Array.from({ length: count }, (_, n) => ({ key: `${label}-${n}`, value: JSON.stringify({ label, n, level: n % 5 === 0 ? 'error' : 'info' }), partition: n % partitions }));
  await producer.sendRecords(topic, records, { batchSize: 50 });
}

test('records appear as they arrive; pause freezes the view, resume shows what came meanwhile, none missing', async ({ page, serve }) => {
  // Arrange: a topic with 2 partitions, the view tailing it from its end
  serve.logs().createTopic('clicks', { partitions: 2 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-tail-pause');
  const messages = new MessagesPage(page);
  const tail = new TailPage(page);
  try {
    await produce(producer, 'clicks', 'before', 10, 2);
    await messages.open(serve.url, 'clicks');
    await tail.start({ at: 'end' });
    await expect(tail.waiting).toBeVisible();
    expect((await messages.routeParams()).get('mode')).toBe('tail');

    // Act: records arrive while the view tails
    await produce(producer, 'clicks', 'live', 200, 2);

    // Assert: all 200 arrive (not the 10 from before the tail), newest on top
    await tail.expectReceived(200);
    // The last two went to the two partitions in one batch, often in the same millisecond: the newest
    // read of either partition may be on top, so the top row is its last record (198 on 0, 199 on 1).
    await expect(messages.rows.first().getByTestId('record-key')).toHaveText(/^live-19[89]$/);

    // Act: pause, and more arrive meanwhile
    await tail.pause.click();
    await tail.expectPhase('paused');
    const frozen = await messages.shownOffsets();
    await produce(producer, 'clicks', 'paused', 300, 2);
    // The view asks the host three more times after the 300 are stored, and nothing may show.
    const pollsBefore = (await tail.numbers()).polls;
    await expect.poll(async () => (await tail.numbers()).polls, { timeout: 15_000 }).toBeGreaterThanOrEqual(pollsBefore + 3);

    // Assert: the view did not move
    expect(await tail.numbers()).toMatchObject({ phase: 'paused', rows: 200 });
    expect(await messages.shownOffsets()).toEqual(frozen);
    await expect(tail.state).toContainText('Paused');

    // Act: resume
    await tail.resume.click();

    // Assert: the 300 that came meanwhile appear, and every record of the tailed range is there once
    await tail.expectReceived(500);
    expect(await tail.numbers()).toMatchObject({ phase: 'running', rows: 500, droppedFromView: 0, droppedByHost: 0, held: 0 });
    await tail.order('append').click();
    const rows = await tail.collectRows();
    const expected = [0, 1].flatMap((partition) => {
      const { highWatermark } = serve.logs().partitionStats('clicks', partition);
      return Array.from({ length: highWatermark - 5 }, (_, i) => `${partition}:${5 + i}`);
    });
    expect(rows.map((row) => `${row.partition}:${row.offset}`).sort()).toEqual(expected.sort());
    // In arrival order: per partition, offsets only go up.
    for (const partition of [0, 1]) {
      const offsets = rows.filter((row) => row.partition === partition).map((row) => row.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
    await messages.screenshot('tail-resumed');
  } finally {
    await producer.disconnect();
  }
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('filters apply live, the predicate included, and a changed filter restarts the tail', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('logs', { partitions: 1 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-tail-filter');
  const messages = new MessagesPage(page);
  const tail = new TailPage(page);
  try {
    await messages.open(serve.url, 'logs');
    await tail.start({ at: 'end' });

    // Act: a contains filter, then records
    const contains = await messages.addFilter('contains');
    await contains.getByTestId('filter-text').fill('"error"');
    await messages.searchSubmit.click();
    await tail.expectPhase('running');
    await produce(producer, 'logs', 'a', 50, 1);

    // Assert: only the 10 errors are shown (every fifth record)
    await tail.expectReceived(10);
    await expect(messages.rows).toHaveCount(10);
    expect((await messages.routeParams()).getAll('filter')).toHaveLength(1);
    await expect(tail.matching).toBeVisible();

    // Act: a predicate in place of the contains filter
    await contains.getByTestId('filter-remove').click();
    const predicate = await messages.addFilter('predicate');
    await predicate.getByTestId('filter-source').fill('(record) => record.value.n >= 45');
    await messages.searchSubmit.click();
    await tail.expectReceived(0);
    await produce(producer, 'logs', 'b', 50, 1);

    // Assert: the restarted tail lists only what the predicate passes
    await tail.expectReceived(5);
    expect((await tail.collectRows()).map((row) => row.value)).toEqual([49, 48, 47, 46, 45].map((n) => JSON.stringify({ label: 'b', n, level: n % 5 === 0 ? 'error' : 'info' })));
    await messages.screenshot('tail-filtered');

    // Act + Assert: a predicate that does not compile is refused in place, before it runs
    await predicate.getByTestId('filter-source').fill('(record) => record.value.');
    await messages.searchSubmit.click();
    await expect(messages.searchError).toContainText('SyntaxError');
    await expect(tail.error).toBeVisible();
  } finally {
    await producer.disconnect();
  }
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('partitions added are taken in, and a topic deleted while tailed is said in place and stops the tail', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 1 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-tail-topic');
  const messages = new MessagesPage(page);
  const tail = new TailPage(page);
  try {
    await produce(producer, 'orders', 'old', 30, 1);
    await messages.open(serve.url, 'orders');
    await tail.start({ at: 'last', count: 5 });
    await tail.expectReceived(5);

    // Act: another client adds a partition, and records go to it
    serve.logs().createPartitions('orders', 2);
    await expect(tail.notices.filter({ hasText: 'partition' }).first()).toBeVisible({ timeout: 15_000 });
    // (a client connected afresh: kafkajs's cached metadata would not know partition 1)
    const second = await connectProducer(serve.status().address ?? '', 'e2e-tail-topic-2');
    try {
      await second.sendRecords('orders', [{ key: 'new', value: 'in the new partition', partition: 1 }]);
    } finally {
      await second.disconnect();
    }

    // Assert: the new partition's record arrives
    await tail.expectReceived(6);
    await expect(messages.row(1, 0)).toBeVisible();

    // Act: paused, records arrive and are deleted (a purge) before the tail reads them
    await tail.pause.click();
    await tail.expectPhase('paused');
    await produce(producer, 'orders', 'purged', 10, 1);
    serve.logs().deleteRecords('orders', 0, serve.logs().partitionStats('orders', 0).highWatermark);
    await tail.resume.click();

    // Assert: said in place; the tail goes on from the new start
    await expect(tail.notices.filter({ hasText: 'orders-0' }).first()).toBeVisible({ timeout: 15_000 });
    await expect(tail.notices.filter({ hasText: 'orders-0' }).first()).toHaveAttribute('data-kind', 'records-deleted');
    await tail.expectPhase('running');

    // Act: the topic is deleted
    serve.logs().deleteTopic('orders');

    // Assert: said in place, the tail ended, its rows kept
    await expect(tail.topicDeleted).toContainText('Topic “orders” was deleted');
    await tail.expectPhase('ended');
    await expect(tail.restart).toBeVisible();
    expect((await tail.numbers()).rows).toBeGreaterThanOrEqual(6);
    await messages.screenshot('tail-topic-deleted');
  } finally {
    await producer.disconnect();
  }
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('the tail under a steady load shows its rates and keeps a bounded number of rows', async ({ page, serve }) => {
  // Arrange: the view keeps 1,000 rows
  serve.logs().createTopic('load', { partitions: 3 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-tail-load');
  const messages = new MessagesPage(page);
  const tail = new TailPage(page);
  let sending = true;
  const sent: number[] = [0];
  try {
    await messages.open(serve.url, 'load');
    await tail.start({ at: 'end' });
    await tail.rowsLimit.selectOption('1000');

    // Act: a producer writes ~2,500 records a second for a while
    const writer = (async () => {
      for (let batch = 0; sending && batch < 400; batch++) {
        const records = Array.from({ length: 250 }, (_, n) => ({ key: `k-${batch}-${n}`, value: JSON.stringify({ batch, n, note: 'x'.repeat(60) }), partition: n % 3 }));
        await producer.sendRecords('load', records, { batchSize: 250 });
        sent[0] += records.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await expect.poll(async () => (await tail.numbers()).received, { timeout: 20_000 }).toBeGreaterThan(5000);
    await expect(tail.arriving).not.toHaveText('arriving 0/s');
    await messages.screenshot('tail-under-load');
    sending = false;
    await writer;

    // Assert: everything sent arrived; the view holds at most 1,000 rows and counts the rest
    await tail.expectReceived(sent[0]);
    const numbers = await tail.numbers();
    expect(numbers.rows).toBe(1000);
    expect(numbers.droppedFromView + numbers.rows).toBe(sent[0]);
    expect(numbers.droppedByHost).toBe(0);
    await expect(tail.dropped).toHaveText(`${(sent[0] - 1000).toLocaleString('en-US')} dropped from view`);
  } finally {
    sending = false;
    await producer.disconnect();
  }
  // Cleanup: the fixture stops the broker and removes its data dir.
});
