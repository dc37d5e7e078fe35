/**
 * @platformatic/kafka 1.x, a client that speaks only the newest, flexible versions of each API:
 * a producer and a group consumer reading everything back. (Its admin client is covered in
 * test/admin/platformatic-admin.test.ts.)
 */
import { Consumer, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

describe('@platformatic/kafka', () => {
  let temp: TempBroker;
  beforeAll(async () => {
    temp = await startTempBroker();
    temp.broker.logs.createTopic('flexible', { partitions: 2 });
  });
  afterAll(() => temp.stop());

  it('produces and consumes back every record with flexible versions', async () => {
    const producer = new Producer({ clientId: 'eddy-platformatic', bootstrapBrokers: [temp.bootstrap], serializers: stringSerializers });
    const sent = Array.from({ length: 40 }, (_, i) => ({ topic: 'flexible', key: `k${i}`, value: `value ${i}`, partition: i % 2, headers: { index: String(i) } }));
    try {
      await producer.send({ messages: sent });
    } finally {
      await producer.close();
    }
    expect(temp.broker.logs.partitionStats('flexible', 0).highWatermark + temp.broker.logs.partitionStats('flexible', 1).highWatermark).toBe(40);

    const consumer = new Consumer({ groupId: 'flexible-readers', clientId: 'eddy-platformatic', bootstrapBrokers: [temp.bootstrap], deserializers: stringDeserializers });
    const received: string[] = [];
    try {
      const stream = await consumer.consume({ topics: ['flexible'], mode: MessagesStreamModes.EARLIEST, autocommit: true, sessionTimeout: 10_000, heartbeatInterval: 500 });
      stream.on('data', (message: { key: string; value: string; headers: Map<string, string> }) => {
        received.push(`${message.key}=${message.value}@${message.headers.get('index')}`);
      });
      await expect.poll(() => received.length, { timeout: 30_000 }).toBe(40);
      await stream.close();
    } finally {
      await consumer.close(true);
    }
    expect(received.sort()).toEqual(sent.map((message, i) => `${message.key}=${message.value}@${i}`).sort());
  }, 60_000);
});
