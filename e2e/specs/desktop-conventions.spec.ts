/**
 * The desktop conventions that live in the page, against serve mode and a real broker: Ctrl+1…6
 * go to the main views (not while typing in a field) and the sidebar's tooltips say so; the page's
 * title names the view, the open topic or group and the cluster; both colour schemes (the
 * system's, `prefers-color-scheme`) render every main view, the lag chart and the JSON view,
 * screenshotted as theme-light-*.png and theme-dark-*.png.
 */
import { expect, test } from '../fixtures/serve';
import { joinGroup } from '../fixtures/kafka-consumer';
import { connectProducer } from '../fixtures/kafka-producer';
import { DeadLettersPage } from '../pages/dead-letters-page';
import { GroupsPage } from '../pages/groups-page';
import { MessagesPage } from '../pages/messages-page';
import { ShellPage, type ShellView } from '../pages/shell-page';
import { TopicsPage } from '../pages/topics-page';

test.use({ serveOptions: { config: { 'group.initial.rebalance.delay.ms': '0' } } });

const VIEWS: [number, ShellView, string][] = [
  [1, 'broker', 'Broker'],
  [2, 'topics', 'Topics'],
  [3, 'groups', 'Consumer groups'],
  [4, 'messages', 'Messages'],
  [5, 'dead-letters', 'Dead letters'],
  [6, 'settings', 'Settings'],
];

test('Ctrl+1…6 go to the main views, shown in the sidebar tooltips, and the title names view and cluster', async ({ page, serve }) => {
  // Arrange
  const shell = new ShellPage(page);
  const address = serve.status().address ?? '';
  expect(address).toMatch(/^localhost:\d+$/);
  await shell.open(serve.url);
  await expect(page).toHaveTitle(`Broker — ${address} — Eddy`);

  for (const [digit, view, label] of [...VIEWS].reverse()) {
    // Act
    await shell.pressShortcut(digit);

    // Assert
    await shell.expectOn(view);
    await expect(page).toHaveTitle(`${label} — ${address} — Eddy`);
    await expect(shell.nav(view)).toHaveAttribute('title', `${label} (Ctrl+${digit})`);
  }
});

test('a shortcut typed in a field stays in the field', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 1 });
  const shell = new ShellPage(page);
  const topics = new TopicsPage(page);
  await topics.open(serve.url);
  await topics.filter.focus();

  // Act
  await shell.pressShortcut(1);

  // Assert: still on Topics; away from the field the same key goes to the Broker view
  await shell.expectOn('topics');
  await topics.filter.blur();
  await shell.pressShortcut(1);
  await shell.expectOn('broker');
});

test('the title names the open topic', async ({ page, serve }) => {
  // Arrange
  serve.logs().createTopic('orders', { partitions: 1 });
  const address = serve.status().address ?? '';
  const topics = new TopicsPage(page);

  // Act
  await topics.open(serve.url);
  await topics.openTopic('orders');

  // Assert
  await expect(page).toHaveTitle(`orders — Topics — ${address} — Eddy`);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`renders every main view in the ${scheme} scheme`, async ({ page, serve }) => {
    // Arrange: a topic with JSON records, a group with lag (the lag chart), an application's DLQ
    await page.emulateMedia({ colorScheme: scheme });
    serve.logs().createTopic('orders', { partitions: 2 });
    serve.logs().createTopic('payments.DLT', { partitions: 1 });
    const address = serve.status().address ?? '';
    const producer = await connectProducer(address, 'e2e-theme');
    const consumer = await joinGroup(address, 'billing', 'orders', 'billing-service');
    const shell = new ShellPage(page);
    const groups = new GroupsPage(page);
    const messages = new MessagesPage(page);
    const topics = new TopicsPage(page);
    const deadLetters = new DeadLettersPage(page);
    const offset = Buffer.alloc(8);
    offset.writeBigInt64BE(41n);
    try {
      await producer.sendRecords(
        'orders',
        Array.from({ length: 12 }, (_, n) => ({
          key: `customer-${n % 4}`,
          value: JSON.stringify({ order: 1000 + n, customer: { name: `Customer ${n % 4}`, vip: n % 3 === 0 }, amount: 12.5 + n, note: null }),
          headers: { trace: `t-${n}` },
          partition: n % 2,
        })),
      );
      await producer.sendRecords('payments.DLT', [
        {
          key: 'p-1',
          value: '{"amount": -5}',
          headers: { 'kafka_dlt-original-topic': 'payments', 'kafka_dlt-original-partition': Buffer.alloc(4), 'kafka_dlt-original-offset': offset, 'kafka_dlt-exception-message': 'amount must be positive' },
        },
      ]);
      await expect.poll(() => consumer.received(), { timeout: 15_000 }).toBe(12);
      await consumer.commit('orders', { 0: 4, 1: 6 });

      // Act + Assert: each view, its colours the scheme's
      await shell.open(serve.url);
      await expect(shell.body).toHaveCSS('background-color', scheme === 'light' ? 'rgb(244, 246, 249)' : 'rgb(13, 15, 19)');
      await expect(shell.sidebar).toHaveCSS('color', scheme === 'light' ? 'rgb(20, 26, 36)' : 'rgb(231, 234, 240)');
      await shell.screenshot(`theme-${scheme}-broker`);

      await shell.nav('topics').click();
      await expect(topics.rows).toHaveCount(2);
      await shell.screenshot(`theme-${scheme}-topics`);
      await topics.openTopic('orders');
      await topics.topicDeleteButton.click();
      await expect(topics.deleteDialog).toBeVisible();
      await shell.screenshot(`theme-${scheme}-delete-dialog`);
      await page.keyboard.press('Escape');
      await expect(topics.deleteDialog).toHaveCount(0);

      await groups.open(serve.url);
      await expect(groups.rows).toHaveCount(1);
      await groups.openGroup('billing');
      await expect(groups.lagChart).toHaveAttribute('data-samples', /^([3-9]|\d\d+)$/, { timeout: 15_000 });
      await shell.screenshot(`theme-${scheme}-group`);

      await messages.open(serve.url, 'orders');
      await messages.openRecord(0, 2);
      await expect(messages.jsonNode('$.customer.name')).toBeVisible();
      await shell.screenshot(`theme-${scheme}-messages`);

      await shell.nav('dead-letters').click();
      await expect(shell.view('dead-letters')).toHaveAttribute('data-topic', 'payments.DLT');
      await expect(deadLetters.rows).toHaveCount(1);
      await shell.screenshot(`theme-${scheme}-dead-letters`);

      await shell.nav('settings').click();
      await expect(shell.view('settings')).toBeVisible();
      await shell.screenshot(`theme-${scheme}-settings`);
    } finally {
      // Cleanup
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
}
