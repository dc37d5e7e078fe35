/**
 * Child process of sweeper-sigkill.test.ts: a real broker on `dataDir` whose sweeper is made to
 * SIGKILL its own process at one step of a sweep: `after-append` (the DLQ records written and
 * fsynced, nothing else recorded) or `before-offset-move` (the sweep's progress saved, the group's
 * offsets not moved yet). Prints `records <n>` once the source records are stored.
 */
import { buildRecordBatch, startBroker } from '../../src/index';

const [dataDir, killAt] = process.argv.slice(2);
const HOUR = 3_600_000;

const broker = await startBroker({ port: 0, dataDir, config: { 'dlq.sweep.interval.ms': String(HOUR) }, deadLetterClock: () => Date.now() + 2 * HOUR });
broker.logs.createTopic('orders', { partitions: 2 });
broker.logs.alterConfigs('orders', { 'dlq.enable': 'true', 'dlq.group': 'billing', 'dlq.max.age.ms': String(HOUR) });
for (let partition = 0; partition < 2; partition++) {
  for (let batch = 0; batch < 10; batch++) {
    const records = Array.from({ length: 100 }, (_, index) => ({ value: Buffer.from(`${partition}:${batch * 100 + index}`) }));
    await broker.logs.append('orders', partition, buildRecordBatch(records));
  }
}
console.log('records 2000');

const die = () => process.kill(process.pid, 'SIGKILL');
if (killAt === 'after-append') {
  const flush = broker.logs.flush.bind(broker.logs);
  broker.logs.flush = async (topic, partition) => {
    await flush(topic, partition);
    die();
  };
} else {
  broker.groups.forceCommit = async () => {
    die();
    return { rebalanceTriggered: false };
  };
}
await broker.deadLetters.sweepNow();
console.log('the sweep ended without the kill');
