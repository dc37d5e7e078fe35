/**
 * The project's Python examples (examples/*.py, in the style of users' first kafka-python
 * scripts), run as written by Debian's python3 (kafka-python 2.0.2) against a fresh broker: what
 * they print, what lands in the topics, and what the consumer groups committed.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { GroupState } from '../../src/groups/group-state';
import { decodeBatches } from '../../src/records/record-batch-decoder';
import { exampleScript, type ExampleName } from '../support/example-script';
import { startMockCluster } from '../support/mock-cluster';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

let temp: TempBroker | undefined;
const running: Array<ChildProcessByStdio<null, Readable, Readable>> = [];
afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  await temp?.stop();
  temp = undefined;
});

async function broker(config: Record<string, string> = {}): Promise<TempBroker> {
  temp = await startTempBroker({ config });
  return temp;
}

/** Starts an example that runs until stopped; `printed()` is what it has written so far. */
function startExample(name: ExampleName, bootstrap: string): { printed: () => string } {
  const child = spawn(systemPython, ['-u', exampleScript(name, bootstrap)], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  return { printed: () => printed };
}

async function runExample(name: ExampleName, bootstrap: string): Promise<string> {
  const result = await runProcess(systemPython, ['-u', exampleScript(name, bootstrap)], { timeoutMs: 30_000 });
  expect({ code: result.code, timedOut: result.timedOut }, result.stderr).toEqual({ code: 0, timedOut: false });
  return result.stdout;
}

interface StoredRecord {
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

function recordsOf(temp: TempBroker, topic: string): StoredRecord[] {
  const out: StoredRecord[] = [];
  const partitions = temp.broker.logs.hasTopic(topic) ? temp.broker.logs.describeTopic(topic).partitions : 0;
  for (let partition = 0; partition < partitions; partition++) {
    for (let offset = 0; ; ) {
      const read = temp.broker.logs.read(topic, partition, offset, 1 << 20);
      if (read.records.length === 0) break;
      for (const batch of decodeBatches(read.records)) {
        for (const record of batch.records ?? []) {
          const headers = Object.fromEntries(record.headers.map((header) => [header.key, String(header.value)]));
          out.push({ partition, offset: record.offset, key: String(record.key), value: String(record.value), headers });
        }
      }
      offset = read.nextOffset;
    }
  }
  return out;
}

function committed(temp: TempBroker, group: string): Record<string, number> {
  return Object.fromEntries(temp.broker.groups.committedOffsets(group).map((view) => [`${view.topic}-${view.partition}`, Number(view.offset)]));
}

const customers = ['ada', 'grace', 'linus'];
const orders = Array.from({ length: 10 }, (_, n) => ({ n, customer: customers[n % 3] }));
const lines = (text: string) => text.trim().split('\n');

it('consumer.py, started first, prints the ten orders producer.py sends, and its group commits past them', async () => {
  const { bootstrap } = await broker();
  const consumer = startExample('consumer.py', bootstrap);

  const sent = await runExample('producer.py', bootstrap);

  expect(lines(sent)).toEqual(orders.map(({ n, customer }) => `${customer}: order ${n} -> partition 0, offset ${n}`));
  const expected = orders.map(({ n, customer }) => `partition: 0, offset: ${n}, key: ${customer}, value: order ${n}`).join('\n');
  await expect.poll(() => consumer.printed().trim(), { timeout: 20_000 }).toBe(expected);
  // kafka-python commits every 5 seconds.
  await expect.poll(() => committed(temp!, 'order-printer'), { timeout: 20_000 }).toEqual({ 'orders-0': 10 });
}, 90_000);

it("producer.py keeps each customer's orders in one partition, in order, where the topic has three", async () => {
  const temp = await broker({ 'num.partitions': '3' });

  const sent = await runExample('producer.py', temp.bootstrap);

  const printed = lines(sent).map((line) => {
    const [, customer, n, partition, offset] = /^(\w+): order (\d+) -> partition (\d+), offset (\d+)$/.exec(line)!;
    return { customer, n: Number(n), partition: Number(partition), offset: Number(offset) };
  });
  expect(printed.map(({ customer, n }) => ({ customer, n }))).toEqual(orders);
  for (const customer of customers) expect(new Set(printed.filter((p) => p.customer === customer).map((p) => p.partition)).size).toBe(1);
  const stored = recordsOf(temp, 'orders').map(({ partition, offset, key, value }) => ({ partition, offset, key, value }));
  const expectedStored = printed.map(({ customer, n, partition, offset }) => ({ partition, offset, key: customer, value: `order ${n}` }));
  const byPosition = (a: { partition: number; offset: number }, b: { partition: number; offset: number }) => a.partition - b.partition || a.offset - b.offset;
  expect(stored).toEqual(expectedStored.sort(byPosition));
}, 60_000);

it('two consumer.py share the group: the partitions are split between them and each order is printed once', async () => {
  const temp = await broker({ 'num.partitions': '3' });
  const first = startExample('consumer.py', temp.bootstrap);
  const second = startExample('consumer.py', temp.bootstrap);
  await expect
    .poll(
      () => {
        const group = temp.broker.groups.describeGroup('order-printer');
        const assigned = group?.members.flatMap((member) => member.assignedPartitions?.flatMap(({ partitions }) => partitions) ?? []) ?? [];
        return { state: group?.state, members: group?.members.length, assigned: assigned.sort() };
      },
      { timeout: 30_000 },
    )
    .toEqual({ state: GroupState.Stable, members: 2, assigned: [0, 1, 2] });

  await runExample('producer.py', temp.bootstrap);

  const printedBy = (consumer: { printed: () => string }) => lines(consumer.printed()).filter((line) => line.startsWith('partition: '));
  await expect.poll(() => printedBy(first).length + printedBy(second).length, { timeout: 20_000 }).toBe(10);
  const partitionsOf = (printed: string[]) => new Set(printed.map((line) => Number(/^partition: (\d+)/.exec(line)![1])));
  const [a, b] = [partitionsOf(printedBy(first)), partitionsOf(printedBy(second))];
  expect([...a].filter((partition) => b.has(partition))).toEqual([]);
  const values = [...printedBy(first), ...printedBy(second)].map((line) => /value: (.*)$/.exec(line)![1]).sort((x, y) => Number(x.split(' ')[1]) - Number(y.split(' ')[1]));
  expect(values).toEqual(orders.map(({ n }) => `order ${n}`));
}, 90_000);

it('dead_letter.py handles what it can, dead-letters the rest with their provenance, as against a reference broker', async () => {
  // librdkafka's mock cluster shows what a Kafka broker makes of the script. It auto-creates
  // topics with several partitions, so the order in which the payments are handled differs there.
  const mock = await startMockCluster();
  let reference: string;
  try {
    reference = await runExample('dead_letter.py', mock.bootstrap);
  } finally {
    mock.stop();
  }
  const temp = await broker();

  const ours = await runExample('dead_letter.py', temp.bootstrap);

  expect(lines(ours)).toEqual([
    'payment-0: handled 12.50',
    'payment-1: handled 7',
    "payment-2: dead-lettered (could not convert string to float: 'seven')",
    'payment-3: handled 3.20',
    "payment-4: dead-lettered (could not convert string to float: '')",
    'payment-5: handled 40',
    'total 62.70, 2 dead letters',
  ]);
  expect(lines(ours).sort()).toEqual(lines(reference).sort());
  expect(recordsOf(temp, 'payments').map(({ key, value }) => `${key}=${value}`)).toEqual(['payment-0=12.50', 'payment-1=7', 'payment-2=seven', 'payment-3=3.20', 'payment-4=', 'payment-5=40']);
  expect(recordsOf(temp, 'payments.dlq').map(({ key, value, headers }) => ({ key, value, headers }))).toEqual([
    {
      key: 'payment-2',
      value: 'seven',
      headers: {
        '__dlq.errors.topic': 'payments',
        '__dlq.errors.partition': '0',
        '__dlq.errors.offset': '2',
        '__dlq.errors.group': 'payment-handler',
        '__dlq.errors.message': "could not convert string to float: 'seven'",
      },
    },
    {
      key: 'payment-4',
      value: '',
      headers: {
        '__dlq.errors.topic': 'payments',
        '__dlq.errors.partition': '0',
        '__dlq.errors.offset': '4',
        '__dlq.errors.group': 'payment-handler',
        '__dlq.errors.message': "could not convert string to float: ''",
      },
    },
  ]);
  expect(committed(temp, 'payment-handler')).toEqual({ 'payments-0': 6 });
}, 90_000);

it("unconsumed_to_dlq.py: the broker's sweeper moves what the group did not consume within the deadline, with provenance, and commits past it", async () => {
  // Kafka has no sweeper, so there is no reference run: against Kafka the script says nothing moved.
  const temp = await broker({ 'dlq.sweep.interval.ms': '250' });

  const printed = await runExample('unconsumed_to_dlq.py', temp.bootstrap);

  const reason = 'not consumed by group "reminder-sender" within dlq.max.age.ms=5000 (5 s)';
  expect(lines(printed)).toEqual([
    'sent 3 reminders; nobody reads them',
    `reminder-0: 'water the plants' dead-lettered from reminders-0@0: ${reason}`,
    `reminder-1: 'call the bank' dead-lettered from reminders-0@1: ${reason}`,
    `reminder-2: 'renew the passport' dead-lettered from reminders-0@2: ${reason}`,
    'group reminder-sender is at offset 3 of reminders-0',
  ]);
  expect(recordsOf(temp, 'reminders.dlq').map(({ key, value }) => `${key}=${value}`)).toEqual(['reminder-0=water the plants', 'reminder-1=call the bank', 'reminder-2=renew the passport']);
}, 60_000);
