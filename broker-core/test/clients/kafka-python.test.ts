/**
 * kafka-python 2.0.2 (Debian's python3-kafka): producer with acks 1 and all, a consumer without a
 * group that assigns a partition and seeks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const script = `
import json, sys
from kafka import KafkaProducer, KafkaConsumer, TopicPartition
bootstrap, topic = sys.argv[1], sys.argv[2]
results = {}
for acks in (1, 'all'):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks=acks)
    futures = [producer.send(topic, key=f'{acks}-{i}'.encode(), value=f'value {i}'.encode(), partition=i % 2) for i in range(100)]
    producer.flush()
    results[str(acks)] = [(f.get(timeout=10).partition, f.get(timeout=10).offset) for f in futures]
    producer.close()
consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, consumer_timeout_ms=3000)
tp = TopicPartition(topic, 1)
consumer.assign([tp])
consumer.seek(tp, 40)
seen = [(m.offset, m.key.decode(), m.value.decode()) for m in consumer]
results['seek'] = seen
results['end'] = consumer.end_offsets([tp])[tp]
print(json.dumps(results))
`;

describe('kafka-python', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
    temp.broker.logs.createTopic('py-topic', { partitions: 2 });
  });
  afterAll(() => temp.stop());

  it('produces with acks 1 and all, then assigns and seeks without a group', async () => {
    const run = await runProcess(systemPython, ['-c', script, temp.bootstrap, 'py-topic'], { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').pop()!);
    // 50 records per partition per acks mode, offsets consecutive per partition.
    expect(results['1'].filter(([partition]: number[]) => partition === 1).map(([, offset]: number[]) => offset)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(results.all.filter(([partition]: number[]) => partition === 1).map(([, offset]: number[]) => offset)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
    // Partition 1 holds the odd records of each run; seeking to 40 reads offsets 40..99.
    const expected = [];
    for (let offset = 40; offset < 100; offset++) {
      const run = offset < 50 ? '1' : 'all';
      const i = (offset % 50) * 2 + 1;
      expected.push([offset, `${run}-${i}`, `value ${i}`]);
    }
    expect(results.seek).toEqual(expected);
    expect(results.end).toBe(100);
  });
});
