/**
 * Producing many records from the console against serve mode and a real broker: a bulk run of a
 * template with placeholders at a rate, cancelled part way (the count it reports is the count
 * stored); a JSON Lines import with bad lines, listed by number while the good ones are stored;
 * "Copy to topic…" of records checked in the table.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';
import { ProducePage } from '../pages/produce-page';

const recordsIn = (serve: { logs(): { partitionStats(topic: string, partition: number): { highWatermark: number; logStartOffset: number } } }, topic: string, partitions: number) =>
  Array.from({ length: partitions }, (_, partition) => serve.logs().partitionStats(topic, partition)).reduce((sum, stats) => sum + stats.highWatermark - stats.logStartOffset, 0);

test('a bulk run with placeholders, cancelled part way, reports exactly the count stored', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('events', { partitions: 1 });
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  await messages.open(serve.url, 'events');
  await produce.openPanel('bulk');
  await page.getByTestId('produce-placeholders').locator('summary').click();

  // Act: 1,000,000 records at 2,000 a second, cancelled once some are stored
  await produce.fill('key', 'user-{{randomInt 1 50}}');
  await produce.fill('value', '{"n": {{index}}, "id": "{{uuid}}", "color": "{{pick red green blue}}", "at": {{timestamp}}}');
  await produce.addHeader('batch', 'run-{{pick a b}}');
  await produce.bulkCount.fill('1000000');
  await produce.bulkRate.fill('2000');
  await produce.bulkStart.click();
  await expect.poll(() => produce.jobSentCount(), { timeout: 20_000 }).toBeGreaterThan(1500);
  await produce.scrollPanel('top');
  await produce.screenshot('produce-bulk-progress');
  await produce.bulkCancel.click();

  // Assert: cancelled, and the count it says is exactly what the topic holds
  await produce.expectJobState('cancelled');
  const sent = await produce.jobSentCount();
  expect(sent).toBeGreaterThan(1500);
  expect(sent).toBeLessThan(1_000_000);
  await expect(produce.jobSummary).toHaveText(`Cancelled: ${sent.toLocaleString('en-US')} records stored; nothing more is sent.`);
  expect(recordsIn(serve, 'events', 1)).toBe(sent);
  await produce.scrollPanel('top');
  await produce.screenshot('produce-bulk-cancelled');

  // Assert: browse shows the same: the newest record is number sent-1, placeholders filled in
  await produce.close.click();
  await messages.refresh.click();
  await expect(messages.rows.first()).toHaveAttribute('data-offset', String(sent - 1));
  await messages.openRecord(0, sent - 1);
  await expect(messages.jsonNode('$.n')).toContainText(String(sent - 1));
  await expect(messages.jsonNode('$.color')).toContainText(/red|green|blue/);
  await expect(messages.jsonNode('$.id')).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/);
  await expect(messages.row(0, sent - 1).getByTestId('record-key')).toHaveText(/^user-([1-9]|[1-4]\d|50)$/);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('a topic deleted mid-bulk stops the run, saying so and how many were stored before', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('doomed', { partitions: 2 });
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  await messages.open(serve.url, 'doomed');
  await produce.openPanel('bulk');
  await produce.fill('value', '{"n": {{index}}}');
  await produce.bulkCount.fill('100000');
  await produce.bulkRate.fill('1000');
  await produce.bulkStart.click();
  await expect.poll(() => produce.jobSentCount(), { timeout: 20_000 }).toBeGreaterThan(200);

  // Act: another client deletes the topic
  const storedBefore = recordsIn(serve, 'doomed', 2);
  serve.logs().deleteTopic('doomed');

  // Assert: the run stopped, said why, and counts what was stored (at least what was there before the delete)
  await produce.expectJobState('failed');
  const sent = await produce.jobSentCount();
  expect(sent).toBeGreaterThanOrEqual(storedBefore);
  expect(sent).toBeLessThan(100_000);
  await expect(produce.jobSummary).toHaveText(new RegExp(`^The bulk run stopped early: ${sent.toLocaleString('en-US')} records stored(, [\\d,]+ refused by the broker)?\\.$`));
  await expect(produce.jobError.first()).toContainText('doomed');
  await produce.scrollPanel('top');
  await produce.screenshot('produce-bulk-topic-deleted');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('a JSON Lines import lists its bad lines by number and stores the good ones', async ({ page, serve }) => {
  // Arrange: 8 lines: 3 good, 4 bad (not JSON, a partition that is not a number, not UTF-8, a headers list without keys), 1 blank
  serve.logs().createTopic('imports', { partitions: 2 });
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  const lines = [
    Buffer.from('{"key": "a", "value": {"n": 1}, "headers": {"source": "file"}}\n'),
    Buffer.from('{"key": "b", "value": \n'),
    Buffer.from('{"key": "c", "value": "plain text", "partition": 1}\n'),
    Buffer.from('{"key": "d", "value": 4, "partition": "one"}\n'),
    Buffer.from('\n'),
    Buffer.concat([Buffer.from('{"key": "e", "value": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
    Buffer.from('{"key": "f", "headers": [{"value": "no key"}]}\n'),
    Buffer.from('{"key": "g", "value": null, "timestamp": 1700000000000}\n'),
  ];
  await messages.open(serve.url, 'imports');
  await produce.openPanel('import');

  // Act
  await produce.importFile.setInputFiles({ name: 'orders.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.concat(lines) });
  await expect(page.getByTestId('produce-import-file-name')).toContainText('orders.jsonl');
  await produce.importStart.click();

  // Assert: done, 3 stored, the bad lines by number with why
  await produce.expectJobState('done');
  await expect(produce.jobSummary).toHaveText('Done: 3 records stored, 4 bad lines not sent.');
  await expect(produce.badLines).toHaveCount(4);
  expect(await produce.badLines.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-line'))))).toEqual([2, 4, 6, 7]);
  await expect(produce.badLines.nth(0)).toContainText('line 2');
  await expect(produce.badLines.nth(1)).toContainText('partition');
  await expect(produce.badLines.nth(2)).toContainText('not UTF-8');
  await produce.scrollPanel('top');
  await produce.screenshot('produce-import-bad-lines');
  expect(recordsIn(serve, 'imports', 2)).toBe(3);
  expect(serve.logs().partitionStats('imports', 1).highWatermark).toBeGreaterThanOrEqual(1);

  // Assert: browse shows the three, the line's partition kept
  await produce.close.click();
  await messages.refresh.click();
  await messages.expectPage(3, 'newest first');
  await expect(page.locator('[data-testid="record-row"][data-partition="1"]').getByTestId('record-key').filter({ hasText: 'c' })).toHaveCount(1);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('"Copy to topic…" sends the checked records to another topic, key, value and headers kept', async ({ page, serve }) => {
  // Arrange: 20 records in "orders", an empty "orders-copy"
  serve.logs().createTopic('orders', { partitions: 1 });
  serve.logs().createTopic('orders-copy', { partitions: 1 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-copy');
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  try {
    await producer.sendRecords('orders', Array.from({ length: 20 }, (_, n) => ({ key: `order-${n}`, value: JSON.stringify({ n }), headers: { origin: `o-${n}` } })));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.expectPage(20, 'newest first');

  // Act: check offset 19, shift-check down to 17, and 5 alone; copy them
  await messages.row(0, 19).getByTestId('record-check').click();
  await messages.row(0, 17).getByTestId('record-check').click({ modifiers: ['Shift'] });
  await messages.row(0, 5).getByTestId('record-check').click();
  await expect(produce.selectionCount).toHaveText('4 records checked');
  await produce.selectionCopy.click();
  await expect(produce.copyDialog).toBeVisible();
  await produce.copyTarget.fill('orders-copy');
  await produce.screenshot('produce-copy-dialog');
  await produce.copySubmit.click();

  // Assert: 4 copied, in offset order
  await produce.expectJobState('done', produce.copyJob);
  await expect(page.getByTestId('copy-job-summary')).toHaveText('Done: 4 records stored.');
  await produce.copyClose.click();
  await expect(produce.selectionBar).toHaveCount(0);
  expect(recordsIn(serve, 'orders-copy', 1)).toBe(4);
  await messages.chooseTopic('orders-copy');
  await messages.expectPage(4, 'newest first');
  expect(await messages.rows.getByTestId('record-key').allTextContents()).toEqual(['order-19', 'order-18', 'order-17', 'order-5']);
  await messages.openRecord(0, 3);
  await messages.detailTab('headers').click();
  await expect(messages.header('origin')).toContainText('o-19');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
