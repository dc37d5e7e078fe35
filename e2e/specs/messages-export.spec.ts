/**
 * Exporting records in serve mode against a real broker, with records written by a real client
 * (kafkajs): the page shown as JSON Lines (one partition, then several), a search's matches as
 * CSV, each downloaded by the browser and its content checked.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/serve';
import { connectProducer, type TestRecord } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';

function orders(partitions: number, count: number): TestRecord[] {
  return Array.from({ length: count }, (_, n) => ({
    partition: n % partitions,
    key: `order-${n}`,
    value: JSON.stringify({ n, status: n % 4 === 0 ? 'failed' : 'ok', note: 'has "quotes", commas' }),
    headers: { source: 'web' },
  }));
}

test('exports the page shown as JSON Lines, downloaded by the browser', async ({ page, serve }) => {
  // Arrange: 12 records in one partition
  serve.logs().createTopic('orders');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-export');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', orders(1, 12));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.expectPage(12, 'newest first');

  // Act
  const download = await messages.exportDownload('jsonl', 'page');

  // Assert: one line per record shown, in offset order, key, value (as JSON) and headers
  expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(lines).toHaveLength(12);
  expect(lines.map((line) => line.offset)).toEqual([...Array(12).keys()]);
  expect(lines[3]).toMatchObject({ partition: 0, offset: 3, key: 'order-3', value: { n: 3, status: 'ok', note: 'has "quotes", commas' }, headers: [{ key: 'source', value: 'web' }] });
  await expect(page.getByTestId('export-written')).toHaveText('12 written');
  await messages.screenshot('messages-export-done');
  await messages.exportClose.click();
  await expect(messages.exportDialog).toHaveCount(0);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('exports a page over several partitions: exactly the records shown', async ({ page, serve }) => {
  // Arrange: 3 partitions of 60 records; the newest page shows 34 of each (100 in all)
  serve.logs().createTopic('orders', { partitions: 3 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-export-partitions');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', orders(3, 180));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.expectPage(100, 'newest first');

  // Act
  const download = await messages.exportDownload('jsonl', 'page');

  // Assert: the 100 records of the page, no more
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { partition: number; offset: number });
  expect(lines).toHaveLength(100);
  expect(new Set(lines.map((line) => `${line.partition}:${line.offset}`)).size).toBe(100);
  expect(new Set(lines.map((line) => line.partition))).toEqual(new Set([0, 1, 2]));
  for (const line of lines) expect(line.offset).toBeGreaterThanOrEqual(26);
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('exports a search’s matches as CSV', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 2 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-export-csv');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', orders(2, 40));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  const filter = await messages.addFilter('jsonPath');
  await filter.getByTestId('filter-path').fill('$.status');
  await filter.getByTestId('filter-equals').fill('failed');
  await messages.search();
  await messages.expectSearchState('done');
  await expect(messages.searchMatched).toHaveText('10 matches');

  // Act
  const download = await messages.exportDownload('csv', 'range');

  // Assert: a header row and the 10 matches, quoted where they hold quotes or commas
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const rows = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(rows[0]).toBe('partition,offset,timestamp,timestampType,key,value,headers');
  expect(rows).toHaveLength(11);
  const keys = rows.slice(1).map((row) => row.split(',')[4]).sort();
  expect(keys).toEqual(['order-0', 'order-12', 'order-16', 'order-20', 'order-24', 'order-28', 'order-32', 'order-36', 'order-4', 'order-8']);
  expect(rows.find((row) => row.includes(',order-4,'))).toContain('"{""n"":4,""status"":""failed"",""note"":""has \\""quotes\\"", commas""}"');
  await messages.screenshot('messages-export-csv');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
