/**
 * Producing one record from the console against serve mode and a real broker: a record with
 * headers and a JSON value, seen in browse; bad input said in place (JSON that does not parse, a
 * value over message.max.bytes, a partition that does not exist), nothing half-sent; templates
 * saved per topic and reused; "Produce again" from a browsed record and from a tail row; the
 * "Copy as code" dialog for the form and for a browse position.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';
import { ProducePage } from '../pages/produce-page';
import { TailPage } from '../pages/tail-page';

test('produces a record with headers and a JSON value, and browse shows it', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 3 });
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  await messages.open(serve.url, 'orders');
  await produce.openPanel('record');
  expect((await messages.routeParams()).get('produce')).toBe('record');

  // Act
  await produce.fill('key', 'customer-7');
  await produce.fill('value', '{\n  "order": 1001,\n  "amount": 12.5,\n  "items": ["tea", "cups"]\n}');
  await expect(page.getByTestId('produce-value-json-ok')).toHaveText('valid JSON');
  await produce.addHeader('trace-id', 'abc-123');
  await produce.addHeader('source', 'console');
  await produce.compression.selectOption('gzip');
  await page.setViewportSize({ width: 1280, height: 1200 }); // the whole form in the picture
  await produce.screenshot('produce-form');
  await page.setViewportSize({ width: 1280, height: 800 });
  await produce.send.click();

  // Assert: where it went, as the broker says
  await expect(produce.outcomes).toHaveCount(1);
  const outcome = produce.outcomes.first();
  await expect(outcome).toHaveAttribute('data-state', 'stored');
  const partition = Number(await outcome.getAttribute('data-partition'));
  await expect(outcome).toHaveText(`Stored in “orders”, partition ${partition}, offset 0`);
  expect(serve.logs().partitionStats('orders', partition).highWatermark).toBe(1);

  // Assert: browse shows it, headers and JSON as sent
  await produce.close.click();
  await messages.refresh.click();
  await messages.expectPage(1, 'newest first');
  await messages.openRecord(partition, 0);
  await expect(messages.jsonNode('$.order')).toContainText('1001');
  await messages.detailTab('headers').click();
  await expect(messages.header('trace-id')).toContainText('abc-123');
  await expect(messages.header('source')).toContainText('console');
  await expect(page.getByTestId('detail-size')).toContainText('batch compressed with gzip');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test.describe('bad input', () => {
  test.use({ serveOptions: { config: { 'message.max.bytes': '20000' } } });

  test('invalid JSON, a value over message.max.bytes and a partition that does not exist are each said, and nothing is half-sent', async ({ page, serve }) => {
    // Arrange
    serve.logs().createTopic('orders', { partitions: 2 });
    const messages = new MessagesPage(page);
    const produce = new ProducePage(page);
    await messages.open(serve.url, 'orders');
    await produce.openPanel('record');

    // Act: JSON that does not parse
    await produce.fill('value', '{"order": 1001, "amount": }');

    // Assert: said as it is typed, and Send sends nothing
    await expect(produce.fieldProblem('value')).toContainText('The value is not valid JSON');
    await produce.send.click();
    await expect(produce.problems).toContainText('Nothing was sent');
    await expect(produce.outcomes).toHaveCount(0);
    await produce.scrollPanel('top');
    await produce.screenshot('produce-invalid-json');

    // Act: a value over message.max.bytes (20,000 here)
    await produce.fill('value', 'x'.repeat(30_000), 'text');
    await expect(produce.problems).toHaveCount(0);
    await produce.send.click();

    // Assert: the broker refused it, said per record; nothing stored
    await expect(produce.outcomes.first()).toHaveAttribute('data-state', 'refused');
    await expect(produce.outcomes.first()).toContainText('Not stored');
    await expect(produce.outcomes.first()).toContainText("is over orders's max.message.bytes of 20,000");
    await produce.scrollPanel('bottom');
    await produce.screenshot('produce-too-large');

    // Act: an explicit partition the topic does not have
    await produce.fill('value', '{"order": 1}');
    await produce.explicitPartition('5');
    await produce.send.click();

    // Assert: refused, naming the partition; nothing stored anywhere
    await expect(produce.outcomes.first()).toHaveAttribute('data-state', 'refused');
    await expect(produce.outcomes.first()).toContainText('5');
    expect(serve.logs().partitionStats('orders', 0).highWatermark + serve.logs().partitionStats('orders', 1).highWatermark).toBe(0);

    // Act + Assert: no partition at all is said before sending
    await produce.partition.fill('');
    await produce.send.click();
    await expect(produce.partitionProblem).toHaveText('The partition is a whole number, 0 or more.');

    // A good record still goes through
    await produce.partition.fill('1');
    await produce.send.click();
    await expect(produce.outcomes.first()).toHaveText('Stored in “orders”, partition 1, offset 0');
    // Cleanup: the fixture stops the broker and removes its data dir.
  });
});

test('templates are saved per topic and reused', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  serve.logs().createTopic('payments');
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  await messages.open(serve.url, 'orders');
  await produce.openPanel('record');
  await expect(page.getByTestId('produce-templates-empty')).toHaveText('None saved for this topic yet.');

  // Act: save the form as a template
  await produce.fill('key', 'customer-{{randomInt 1 9}}');
  await produce.fill('value', '{"order": {{index}}, "status": "{{pick new paid}}"}');
  await produce.addHeader('origin', 'template');
  await produce.compression.selectOption('lz4');
  await produce.templateName.fill('new order');
  await produce.templateSave.click();
  await expect(produce.templateMessage).toHaveText('Saved “new order”.');

  // Act: clear the form, use the template
  await page.getByTestId('produce-reset').click();
  await produce.compression.selectOption('none');
  await expect(produce.text('value')).toHaveValue('');
  await produce.templateUse.click();

  // Assert: the form is the template again, settings included
  await expect(produce.text('value')).toHaveValue('{"order": {{index}}, "status": "{{pick new paid}}"}');
  await expect(produce.text('key')).toHaveValue('customer-{{randomInt 1 9}}');
  await expect(produce.headers.first().getByTestId('produce-header-key')).toHaveValue('origin');
  await expect(produce.compression).toHaveValue('lz4');
  await expect(produce.source).toContainText('the template “new order”');
  await produce.screenshot('produce-template');

  // Assert: it is kept for this topic only, and across a reload
  await messages.chooseTopic('payments');
  await expect(page.getByTestId('produce-templates-empty')).toBeVisible();
  await messages.chooseTopic('orders');
  await expect(produce.templateChoice).toHaveValue('new order');
  await page.reload();
  await expect(produce.templateChoice).toHaveValue('new order');

  // Act + Assert: deleted
  await produce.templateDelete.click();
  await expect(page.getByTestId('produce-templates-empty')).toBeVisible();
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('"Produce again" fills the form from a browsed record and from a tail row', async ({ page, serve }) => {
  // Arrange: a record with a JSON value, a header and a binary key
  serve.logs().createTopic('orders', { partitions: 1 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-produce-again');
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  const tail = new TailPage(page);
  try {
    await producer.sendRecords('orders', [{ key: Buffer.from([0xff, 0x00, 0x7f]), value: JSON.stringify({ order: 42, note: 'y'.repeat(2000) }), headers: { trace: 't-42' } }]);
    await messages.open(serve.url, 'orders');
    await messages.expectPage(1, 'newest first');

    // Act: from the detail panel
    await messages.openRecord(0, 0);
    await page.getByTestId('detail-produce-again').click();

    // Assert: the form holds the record whole (the table's preview was cut), its key as hex
    await expect(produce.panel).toHaveAttribute('data-tab', 'record');
    await expect(produce.source).toContainText('partition 0, offset 0 of “orders”');
    await expect(page.getByTestId('produce-key-encoding')).toHaveValue('hex');
    await expect(produce.text('key')).toHaveValue('ff 00 7f');
    await expect(page.getByTestId('produce-value-encoding')).toHaveValue('json');
    expect(JSON.parse(await produce.text('value').inputValue())).toEqual({ order: 42, note: 'y'.repeat(2000) });
    await expect(produce.headers.first().getByTestId('produce-header-key')).toHaveValue('trace');
    await expect(produce.headers.first().getByTestId('produce-header-value-text')).toHaveValue('t-42');
    await produce.screenshot('produce-again');

    // Act: send it, while tailing
    await tail.start({ at: 'last', count: 5 });
    await tail.expectReceived(1);
    await produce.send.click();
    await expect(produce.outcomes.first()).toHaveText('Stored in “orders”, partition 0, offset 1');

    // Assert: the tail shows the copy; "Produce again" on its row fills the form from it
    await tail.expectReceived(2);
    await produce.close.click();
    await messages.row(0, 1).getByTestId('record-produce-again').click();
    await expect(produce.source).toContainText('partition 0, offset 1 of “orders”');
    await expect(produce.text('key')).toHaveValue('ff 00 7f');
  } finally {
    await producer.disconnect();
  }
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('"Copy as code" shows the form and a browse position for each client, naming the topic and the bootstrap address', async ({ page, context, serve }) => {
  // Arrange
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${serve.uiPort}` });
  serve.logs().createTopic('orders', { partitions: 2 });
  const messages = new MessagesPage(page);
  const produce = new ProducePage(page);
  const address = serve.status().address ?? '';
  await messages.open(serve.url, 'orders');
  await produce.openPanel('record');
  await produce.fill('key', 'customer-7');
  await produce.fill('value', '{"order": 1}');
  await produce.addHeader('trace-id', 'abc');

  // Act: the form as code
  await produce.copyAsCode.click();

  // Assert: every tab has code naming the topic and the broker's address
  await expect(produce.snippetDialog).toBeVisible();
  for (const language of ['kafka-python', 'confluent-kafka-python', 'kafkajs', 'kcat'] as const) {
    await produce.snippetTab(language).click();
    await expect(produce.snippetCode).toContainText('orders');
    await expect(produce.snippetCode).toContainText(address);
    await expect(produce.snippetCode).toContainText('customer-7');
    await expect(produce.snippetBootstrap).toHaveText(address);
    if (language === 'kafkajs') await produce.screenshot('produce-snippet-dialog');
  }
  await produce.snippetCopy.click();
  expect(await messages.clipboardText()).toContain(address);
  await produce.snippetClose.click();
  await expect(produce.snippetDialog).toHaveCount(0);

  // Act: a browse position as code (partition 1 from offset 5)
  await produce.close.click();
  await messages.choosePartitions([1]);
  await messages.chooseStart({ from: 'offset', offset: 5 });
  await page.getByTestId('messages-copy-as-code').click();

  // Assert
  for (const language of ['kafka-python', 'confluent-kafka-python', 'kafkajs', 'kcat'] as const) {
    await produce.snippetTab(language).click();
    await expect(produce.snippetCode).toContainText('orders');
    await expect(produce.snippetCode).toContainText(address);
    await expect(produce.snippetCode).toContainText('5');
  }
  await produce.screenshot('position-snippet-dialog');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
