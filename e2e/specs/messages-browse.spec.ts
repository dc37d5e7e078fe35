/**
 * Browsing a topic's records against serve mode and a real broker, with records written by a real
 * client (kafkajs): from the newest, the oldest, an offset and a date and time; paging older and
 * newer with the page's cursors; one, several or all partitions; and an empty partition or an
 * offset past the end said in place.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures/serve';
import { connectProducer, type TestRecord } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';

// Local time is UTC in these specs, so a time typed into the start picker is the record's own.
test.use({ timezoneId: 'UTC' });

/** 2024-05-01T10:00:00Z: record i of partition 0 is at T0 + i s, of partition 1 at T0 + i s + 0.5 s. */
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

function orders(partition: number, count: number): TestRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    partition,
    key: `order-${partition}-${i}`,
    value: JSON.stringify({ partition, n: i, customer: `c-${i % 5}` }),
    timestamp: T0 + i * 1000 + partition * 500,
  }));
}

test('browses from the newest, the oldest, an offset and a time, and pages older and newer', async ({ page, serve }) => {
  // Arrange: 250 records in partition 0
  serve.logs().createTopic('orders', { partitions: 3 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-browse');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', [...orders(0, 250), ...orders(1, 20)]);
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.choosePartitions([0]);

  // Act + Assert: newest first, 100 a page
  await messages.expectPage(100, 'newest first');
  expect((await messages.shownOffsets())[0]).toBe(249);
  await expect(messages.row(0, 249).getByTestId('record-key')).toHaveText('order-0-249');
  await expect(messages.row(0, 249).getByTestId('record-value')).toHaveText('{"partition":0,"n":249,"customer":"c-4"}');
  await expect(messages.row(0, 249).getByTestId('record-timestamp')).toHaveText('2024-05-01 10:04:09.000');
  await expect(messages.row(0, 249).getByTestId('record-timestamp')).toHaveAttribute('title', '2024-05-01T10:04:09.000Z');
  await messages.screenshot('messages-browse-newest');

  // Paging into older records, to the oldest, and back
  await messages.older.click();
  await messages.expectPage(100, 'newest first');
  expect((await messages.shownOffsets())[0]).toBe(149);
  await messages.older.click();
  await messages.expectPage(50, 'newest first');
  expect((await messages.shownOffsets())[0]).toBe(49);
  await expect(messages.older).toBeDisabled();
  await messages.newer.click();
  await messages.expectPage(100, 'newest first');
  expect((await messages.shownOffsets())[0]).toBe(149);

  // From the oldest, in append order, paging newer and back older
  await messages.chooseStart({ from: 'oldest' });
  await messages.expectPage(100, 'oldest first');
  expect((await messages.shownOffsets()).slice(0, 3)).toEqual([0, 1, 2]);
  await expect(messages.older).toBeDisabled();
  await messages.newer.click();
  await messages.expectPage(100, 'oldest first');
  expect((await messages.shownOffsets())[0]).toBe(100);
  await messages.newer.click();
  await messages.expectPage(50, 'oldest first');
  expect((await messages.shownOffsets())[0]).toBe(200);
  await messages.older.click();
  await messages.expectPage(100, 'oldest first');
  expect((await messages.shownOffsets())[0]).toBe(100);

  // From an offset
  await messages.chooseStart({ from: 'offset', offset: 120 });
  await messages.expectPage(100, 'oldest first');
  expect((await messages.shownOffsets())[0]).toBe(120);
  expect((await messages.routeParams()).get('start')).toBe('offset:120');

  // From a date and time: the first record at or after 10:03:21 is offset 201, written then
  await messages.chooseStart({ from: 'time', local: '2024-05-01T10:03:21' });
  await messages.expectPage(49, 'oldest first');
  expect((await messages.shownOffsets())[0]).toBe(201);
  expect((await messages.routeParams()).get('start')).toBe('time:2024-05-01T10:03:21.000Z');
  await messages.screenshot('messages-browse-time');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('reads one partition, several or all of them, and says in place when there is nothing to read', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 3 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-partitions');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', [...orders(0, 30), ...orders(1, 20)]);
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.chooseStart({ from: 'oldest' });

  // Act + Assert: all partitions, merged by time (p0 at whole seconds, p1 half a second later)
  await messages.expectPage(50, 'oldest first');
  await expect(messages.rows.nth(0)).toHaveAttribute('data-partition', '0');
  await expect(messages.rows.nth(1)).toHaveAttribute('data-partition', '1');
  await expect(messages.rows.nth(1)).toHaveAttribute('data-offset', '0');

  // Several
  await messages.choosePartitions([1, 2]);
  await messages.expectPage(20, 'oldest first');
  expect(new Set(await messages.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-partition'))))).toEqual(new Set(['1']));
  expect((await messages.routeParams()).get('partitions')).toBe('1,2');

  // An empty partition
  await messages.choosePartitions([2]);
  await expect(messages.empty).toHaveText('Partition 2 is empty: no records yet, or all of them deleted.');
  await expect(messages.rows).toHaveCount(0);

  // An offset past the end
  await messages.choosePartitions([0]);
  await messages.chooseStart({ from: 'offset', offset: 5000 });
  await expect(messages.empty).toHaveText('Offset 5,000 is past the last record (partition 0 holds offsets 0–29).');
  await messages.screenshot('messages-offset-past-end');

  // A bad offset is refused before it is sent, and the view keeps what it shows
  await messages.start.selectOption('offset');
  await messages.startOffset.fill('-3');
  await messages.startGo.click();
  await expect(page.getByTestId('messages-start-problem')).toHaveText('An offset is a whole number, 0 or more.');
  await expect(messages.empty).toBeVisible();

  // Back to all partitions from the oldest: everything is there again
  await messages.choosePartitions(null);
  await messages.chooseStart({ from: 'oldest' });
  await messages.expectPage(50, 'oldest first');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('shows a batch it cannot read in place of its records, and the records around it', async ({ page, serve }) => {
  // Arrange: three batches of three records; the second one's bytes damaged on disk afterwards
  serve.logs().createTopic('orders');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-damaged');
  const messages = new MessagesPage(page);
  try {
    for (let batch = 0; batch < 3; batch++) {
      await producer.sendRecords('orders', Array.from({ length: 3 }, (_, i) => ({ key: `order-${batch * 3 + i}`, value: `batch ${batch} record ${i}` })));
    }
  } finally {
    await producer.disconnect();
  }
  const file = openSync(join(serve.dataDir, 'orders-0', '00000000000000000000.log'), 'r+');
  try {
    const length = Buffer.alloc(4);
    readSync(file, length, 0, 4, 8);
    const secondBatch = 12 + length.readInt32BE(0);
    readSync(file, length, 0, 4, secondBatch + 8);
    const lastByte = secondBatch + 12 + length.readInt32BE(0) - 1;
    writeSync(file, Buffer.from([0x5a]), 0, 1, lastByte);
  } finally {
    closeSync(file);
  }

  // Act
  await messages.open(serve.url, 'orders');
  await messages.chooseStart({ from: 'oldest' });

  // Assert: the readable records, and the damaged batch said in place, between them
  await expect(messages.problems).toHaveCount(1);
  await expect(messages.problems).toContainText('Offsets 3–5 cannot be read');
  await expect(messages.row(0, 2)).toBeVisible();
  await expect(messages.row(0, 6)).toBeVisible();
  await expect(messages.row(0, 4)).toHaveCount(0);
  // Polled: the newest-first page shown before "oldest" applies has the same rows, in the other order.
  const order = () => page.locator('[data-testid="record-row"], [data-testid="record-problem"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-offset') ?? 'problem'));
  await expect.poll(order).toEqual(['0', '1', '2', 'problem', '6', '7', '8']);
  await messages.screenshot('messages-damaged-batch');

  // The rest keeps working: a readable record opens, the damaged one says why
  await messages.openRecord(0, 6);
  await expect(messages.detailPart('value-body')).toHaveText('batch 2 record 0');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
