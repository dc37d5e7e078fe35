/**
 * The Messages view as a place in the app against serve mode and a real broker: opened from a
 * topic's page, its state (topic, partitions, start, decoding, filters, the open record) in the
 * URL so back, forward and a reload return to it, and a topic deleted while it is read said in
 * place while the rest of the view keeps working.
 */
import { expect, test } from '../fixtures/serve';
import { connectProducer } from '../fixtures/kafka-producer';
import { MessagesPage } from '../pages/messages-page';
import { TopicsPage } from '../pages/topics-page';

test('opens from a topic’s page, and back, forward and a reload return to the same view', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 3 });
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-navigation');
  const topics = new TopicsPage(page);
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords(
      'orders',
      Array.from({ length: 60 }, (_, n) => ({ partition: n % 3, key: `order-${n}`, value: JSON.stringify({ n }) })),
    );
  } finally {
    await producer.disconnect();
  }
  await topics.open(serve.url);
  await topics.openTopic('orders');

  // Act: the topic page's link
  await page.getByTestId('browse-messages-button').click();

  // Assert: the view on that topic, its state in the URL's hash, the token kept in the query string
  await expect(messages.viewTopic).toHaveText('orders');
  await messages.expectPage(60, 'newest first');
  const token = new URL(serve.url).searchParams.get('token');
  expect(new URL(page.url()).searchParams.get('token')).toBe(token);
  expect(new URL(page.url()).hash).toBe('#/messages?topic=orders&start=newest&key=auto&value=auto');

  // Act: change the view step by step
  await messages.choosePartitions([0, 2]);
  await messages.chooseStart({ from: 'offset', offset: 5 });
  await messages.valueDecoding.selectOption('json');
  await messages.openRecord(2, 7);
  await messages.openRecord(0, 9);

  // Assert: all of it in the URL
  expect(new URL(page.url()).hash).toBe('#/messages?topic=orders&partitions=0,2&start=offset:5&key=auto&value=json&record=0:9');
  await messages.screenshot('messages-navigation-state');

  // Act + Assert: a reload comes back to the same view, the record open
  await page.reload();
  await expect(messages.viewTopic).toHaveText('orders');
  await expect(messages.partitionsSummary).toHaveText('0, 2');
  await expect(messages.start).toHaveValue('offset');
  await expect(messages.startOffset).toHaveValue('5');
  await expect(messages.valueDecoding).toHaveValue('json');
  await messages.expectPage(30, 'oldest first');
  await expect(messages.detail).toHaveAttribute('data-offset', '9');
  await expect(messages.jsonNode('$.n')).toHaveText('"n": 27');

  // Back: the record closes (switching records replaced the entry; opening one pushed it), then the decoding, …
  await page.goBack();
  await expect(messages.detail).toHaveCount(0);
  await page.goBack();
  await expect(messages.valueDecoding).toHaveValue('auto');
  await page.goBack();
  await expect(messages.start).toHaveValue('newest');
  await expect(messages.partitionsSummary).toHaveText('0, 2');
  await page.goBack();
  await page.goBack();
  await expect(messages.partitionsSummary).toHaveText('All');
  await messages.expectPage(60, 'newest first');
  await page.goBack();
  await expect(topics.topicName).toHaveText('orders');

  // Forward again, to the view as it was
  await page.goForward();
  await expect(messages.viewTopic).toHaveText('orders');
  for (let i = 0; i < 5; i++) await page.goForward();
  await expect(messages.detail).toHaveAttribute('data-offset', '9');
  await expect(messages.startOffset).toHaveValue('5');
  await expect(messages.valueDecoding).toHaveValue('json');

  // Paging is part of the place too
  await messages.detailClose.click();
  await messages.newer.click();
  await expect(messages.empty).toBeVisible();
  expect((await messages.routeParams()).get('page')).toBe('newer');
  await page.reload();
  await expect(messages.empty).toBeVisible();
  await page.goBack();
  await messages.expectPage(30, 'oldest first');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('a search in the URL runs again on reload', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-search-url');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', Array.from({ length: 50 }, (_, n) => ({ key: `order-${n}`, value: n % 5 === 0 ? `failed ${n}` : `ok ${n}` })));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  const filter = await messages.addFilter('contains');
  await filter.getByTestId('filter-text').fill('failed');
  await messages.search();
  await messages.expectSearchState('done');
  await expect(messages.searchMatched).toHaveText('10 matches');

  // Act
  await page.reload();

  // Assert: the filter is back in the builder and the search has run again
  await messages.expectSearchState('done');
  await expect(messages.searchMatched).toHaveText('10 matches');
  await expect(messages.filterRows.first().getByTestId('filter-text')).toHaveValue('failed');
  // Cleanup: the fixture stops the broker and removes its data dir.
});

test('a topic deleted while it is read is said in place, and the rest of the view keeps working', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders');
  serve.logs().createTopic('payments');
  const producer = await connectProducer(serve.status().address ?? '', 'e2e-messages-deleted');
  const messages = new MessagesPage(page);
  try {
    await producer.sendRecords('orders', Array.from({ length: 5 }, (_, n) => ({ key: `order-${n}`, value: `order ${n}` })));
    await producer.sendRecords('payments', Array.from({ length: 3 }, (_, n) => ({ key: `payment-${n}`, value: `payment ${n}` })));
  } finally {
    await producer.disconnect();
  }
  await messages.open(serve.url, 'orders');
  await messages.expectPage(5, 'newest first');
  await messages.openRecord(0, 2);

  // Act: another client deletes the topic
  serve.logs().deleteTopic('orders');

  // Assert: the view says so, in place
  await expect(messages.topicGone).toContainText('Topic “orders” does not exist');
  await messages.refresh.click();
  await expect(messages.topicGone).toContainText('does not exist');
  await expect(messages.exportButton).toBeDisabled();
  await messages.screenshot('messages-topic-deleted');

  // The rest keeps working: another topic reads as usual
  await messages.chooseTopic('payments');
  await expect(messages.topicGone).toHaveCount(0);
  await messages.expectPage(3, 'newest first');
  await expect(messages.row(0, 2).getByTestId('record-key')).toHaveText('payment-2');
  // Cleanup: the fixture stops the broker and removes its data dir.
});
