/**
 * One record in the detail panel, written by a real client (kafkajs): the value as a JSON tree
 * that folds (a 64-bit id shown as written), the key, the headers and the bytes in hex, each
 * copyable; decoding modes for keys and values (a binary key in hex, an 8-byte key as a long,
 * invalid UTF-8, a mode that does not fit said in place); and a 1 MiB value cut in the table and
 * shown whole on demand.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';

test.use({ timezoneId: 'UTC', serveOptions: { config: { 'message.max.bytes': String(4 * 1024 * 1024) } } });

const ORDER = '{"id":9007199254740993,"customer":{"name":"Ada","tags":["vip","eu"]},"items":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}],"paid":true,"note":null}';

test('shows a record: the JSON value as a tree that folds, the key, the headers, the hex, and copies each', async ({ page, context, serve }) => {
  // Arrange
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${serve.uiPort}` });
  serve.logs().createTopic('orders');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-detail');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', [
      { key: 'order-1', value: ORDER, headers: { 'trace-id': 'abc-123', source: 'web' }, timestamp: Date.UTC(2024, 4, 1, 9, 30, 0, 250) },
    ]);
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');

  // Act
  await messages.openRecord(0, 0);

  // Assert: metadata and the value as a tree, numbers as written
  await expect(messages.detailTitle).toHaveText('Partition 0 · offset 0');
  await expect(messages.detailTimestamp).toContainText('2024-05-01 09:30:00.250');
  await expect(messages.detailTimestamp).toHaveAttribute('title', '2024-05-01T09:30:00.250Z');
  await expect(messages.detailPart('value-as')).toHaveText('JSON');
  await expect(messages.jsonNode('$.id')).toHaveText('"id": 9007199254740993,');
  await expect(messages.jsonNode('$.customer.name')).toHaveText('"name": "Ada",');
  await expect(messages.jsonNode('$.items[1].sku')).toHaveText('"sku": "B-7",');
  await messages.screenshot('messages-detail-json');

  // Folding: the customer collapses to a summary, its children go, and it opens again
  await messages.jsonToggle('$.customer').click();
  await expect(messages.jsonNode('$.customer')).toHaveAttribute('data-open', 'false');
  await expect(messages.jsonNode('$.customer').getByTestId('json-summary')).toHaveText('2 keys');
  await expect(messages.jsonNode('$.customer.name')).toHaveCount(0);
  await messages.jsonToggle('$.items').click();
  await expect(messages.jsonNode('$.items').getByTestId('json-summary')).toHaveText('2 items');
  await messages.screenshot('messages-detail-json-folded');
  await messages.jsonToggle('$.customer').click();
  await expect(messages.jsonNode('$.customer.tags[0]')).toHaveText('0: "vip",');

  // The text form, and copying the value
  await messages.detailPart('value-text-mode').click();
  await expect(messages.detailPart('value-body')).toContainText('"id": 9007199254740993');
  await messages.detailPart('value-copy').click();
  expect(JSON.parse((await messages.clipboardText()).replace('9007199254740993', '1'))).toMatchObject({ id: 1, customer: { name: 'Ada' } });
  expect(await messages.clipboardText()).toContain('9007199254740993');

  // The key
  await messages.detailTab('key').click();
  await expect(messages.detailPart('key-as')).toHaveText('text');
  await expect(messages.detailPart('key-body')).toHaveText('order-1');
  await messages.detailPart('key-copy').click();
  expect(await messages.clipboardText()).toBe('order-1');

  // The headers
  await messages.detailTab('headers').click();
  await expect(page.getByTestId('detail-header')).toHaveCount(2);
  await expect(messages.header('trace-id').getByTestId('detail-header-value')).toHaveText('abc-123');
  await expect(messages.header('source').getByTestId('detail-header-value')).toHaveText('web');
  await messages.header('trace-id').getByTestId('detail-header-copy').click();
  expect(await messages.clipboardText()).toBe('abc-123');
  await messages.detailPart('headers-copy').click();
  expect(JSON.parse(await messages.clipboardText())).toEqual([
    { key: 'trace-id', value: 'abc-123' },
    { key: 'source', value: 'web' },
  ]);
  await messages.screenshot('messages-detail-headers');

  // The bytes
  await messages.detailTab('hex').click();
  const keyLine = messages.detailPart('hex-key').getByTestId('hex-line').first();
  await expect(keyLine).toContainText('00000000');
  await expect(keyLine).toContainText('6f 72 64 65 72 2d 31');
  await expect(keyLine).toContainText('order-1');
  await expect(messages.detailPart('hex-value').getByTestId('hex-line').first()).toContainText('7b 22 69 64 22 3a');
  await messages.detailPart('hex-key-copy').click();
  expect(await messages.clipboardText()).toBe('6f 72 64 65 72 2d 31');
  await messages.screenshot('messages-detail-hex');

  // Closing the detail
  await messages.detailClose.click();
  await expect(messages.detail).toHaveCount(0);
  expect((await messages.routeParams()).get('record')).toBeNull();
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('decodes keys and values by mode: a binary key as hex, an 8-byte key as a long, invalid UTF-8, a mode that does not fit', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('readings');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-decoding');
  const messages = new MessagesPage(page);
  const long = Buffer.alloc(8);
  long.writeBigInt64BE(1_234_567_890_123n);
  try {
    await producer.sendRecords('readings', [
      { key: Buffer.from([0x00, 0xff, 0x10, 0x80]), value: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]) },
      { key: long, value: 'plain text, not JSON' },
      { key: null, value: null },
    ]);
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'readings');
  await messages.chooseStart({ from: 'oldest' });
  await messages.expectPage(3, 'oldest first');

  // Assert: auto — bytes that are no text show as hex, text as text, nothing as null
  await expect(messages.row(0, 0).getByTestId('record-key')).toHaveText('00 ff 10 80');
  await expect(messages.row(0, 0).getByTestId('record-value')).toHaveText('c3 28 a0 a1');
  await expect(messages.row(0, 1).getByTestId('record-value')).toHaveText('plain text, not JSON');
  await expect(messages.row(0, 2).getByTestId('record-key')).toHaveText('null');
  await expect(messages.row(0, 2).getByTestId('record-value')).toHaveText('null');

  // Act: keys as longs
  await messages.keyDecoding.selectOption('long');

  // Assert: the 8-byte key reads as its number; the 4-byte key does not fit, and says so in place
  await expect(messages.row(0, 1).getByTestId('record-key')).toHaveText('1234567890123');
  await expect(messages.row(0, 0).getByTestId('record-key')).toHaveText('not an 8-byte big-endian long: 4 bytes');
  expect((await messages.routeParams()).get('key')).toBe('long');
  await messages.openRecord(0, 1);
  await messages.detailTab('key').click();
  await expect(messages.detailPart('key-as')).toHaveText('long (8 bytes, big-endian)');
  await expect(messages.detailPart('key-body')).toHaveText('1234567890123');
  await messages.screenshot('messages-decoding-long');

  // Act: keys as int, values as JSON, base64 and hex
  await messages.keyDecoding.selectOption('int');
  await expect(messages.row(0, 0).getByTestId('record-key')).toHaveText(String(Buffer.from([0x00, 0xff, 0x10, 0x80]).readInt32BE(0)));
  await messages.valueDecoding.selectOption('json');
  await expect(messages.row(0, 1).getByTestId('record-value')).toContainText('not valid JSON');
  await expect(messages.row(0, 0).getByTestId('record-value')).toContainText('not valid UTF-8');
  await messages.valueDecoding.selectOption('base64');
  await expect(messages.row(0, 1).getByTestId('record-value')).toHaveText(Buffer.from('plain text, not JSON').toString('base64'));
  await messages.valueDecoding.selectOption('string');
  await expect(messages.row(0, 0).getByTestId('record-value')).toHaveText('\ufffd(\ufffd\ufffd');
  await messages.valueDecoding.selectOption('hex');
  await expect(messages.row(0, 1).getByTestId('record-value')).toHaveText(/^70 6c 61 69 6e/);
  await expect(messages.detailPart('value-as')).toHaveCount(0);
  await messages.detailTab('value').click();
  await expect(messages.detailPart('value-as')).toHaveText('hex');
  await messages.screenshot('messages-decoding-hex');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('cuts a 1 MiB value in the table and shows it whole when asked', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('blobs');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-large');
  const messages = new MessagesPage(page);
  const big = 'a'.repeat(1024 * 1024 - 4) + 'TAIL';
  try {
    await producer.sendRecords('blobs', [{ key: 'big', value: big }, { key: 'small', value: 'tiny' }]);
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'blobs');
  await messages.chooseStart({ from: 'oldest' });

  // Assert: the table holds a preview, marked as cut
  const cell = messages.row(0, 0).getByTestId('record-value');
  await expect(cell.locator('[data-truncated]')).toHaveCount(1);
  await expect(messages.row(0, 0).getByTestId('record-size')).toHaveText(/^1(\.\d+)? MiB$/);
  expect((await cell.innerText()).length).toBeLessThan(400);

  // Act: open it: a preview until asked
  await messages.openRecord(0, 0);
  await expect(messages.detailPart('value-truncated')).toContainText('A preview: the first 1,000 characters of 1 MiB.');
  await messages.screenshot('messages-large-preview');
  await messages.detailPart('value-load-whole').click();

  // Assert: whole, shown a part at a time, the end reachable
  await expect(messages.detailPart('value-truncated')).toHaveCount(0);
  await expect(messages.detailPart('value-body-more')).toHaveText('Show 100,000 more characters of 948,576');
  for (let i = 0; i < 10; i++) await messages.detailPart('value-body-more').click();
  await expect(messages.detailPart('value-body-more')).toHaveCount(0);
  expect(await messages.detailPart('value-body').evaluate((element) => element.textContent?.endsWith('TAIL'))).toBe(true);

  // The rest of the view still works: another record opens at once
  await messages.openRecord(0, 1);
  await expect(messages.detailPart('value-body')).toHaveText('tiny');
  await messages.screenshot('messages-large-whole');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
