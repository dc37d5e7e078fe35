/**
 * A tail over a RecordSource without a change feed (as a remote cluster's will be): the topic is
 * watched by polling its offsets, and records, new partitions, deleted records and the topic's
 * deletion all reach the tail as they do with the embedded broker's feed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, startBroker, type Broker } from '../../../broker-core/src/index';
import type { MessageRecord, TailNotice, TailStatus } from '../../contract';
import { embeddedRecordSource } from '../cluster/embedded/embedded-record-source';
import type { RecordSource } from '../cluster/record-source';
import { createTailService } from './tail-service';
import { until } from './tail-test-host';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function broker(): Promise<Broker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-polled-tail-'));
  const started = await startBroker({ port: 0, dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => started.stop());
  return started;
}

async function produce(target: Broker, topic: string, partition: number, count: number): Promise<void> {
  await target.logs.append(topic, partition, buildRecordBatch(Array.from({ length: count }, (_, i) => ({ value: Buffer.from(`record ${i}`) }))), { acks: 1 });
}

describe('a tail over a source without a change feed', { timeout: 60_000 }, () => {
  it('polls the offsets and follows records, new partitions, deleted records and the deleted topic', async () => {
    const target = await broker();
    target.logs.createTopic('remote', { partitions: 1 });
    const { watch: _watch, ...withoutWatch } = embeddedRecordSource(target.logs);
    const source: RecordSource = withoutWatch;
    const service = createTailService({ watchPollMs: 20 });
    service.attach(source);
    cleanups.push(() => service.detach());
    const { tailId } = await service.handlers['tail.start']({ topic: 'remote', partitions: null, from: { at: 'end' }, filters: [], decode: { key: 'auto', value: 'auto' } });
    const records: MessageRecord[] = [];
    const notices: TailNotice[] = [];
    let status: TailStatus | null = null;
    const poll = async () => {
      const polled = await service.handlers['tail.poll']({ tailId, waitMs: 100 });
      records.push(...polled.records);
      notices.push(...polled.notices);
      status = polled.status;
      return true;
    };

    await produce(target, 'remote', 0, 30);
    await until(async () => (await poll()) && records.length >= 30, 'the first records');
    expect(records.map((record) => record.offset)).toEqual(Array.from({ length: 30 }, (_, i) => i));

    target.logs.createPartitions('remote', 2);
    await produce(target, 'remote', 1, 5);
    await until(async () => (await poll()) && records.length >= 35, 'the new partition');
    expect(notices.map((notice) => notice.message)).toEqual(['"remote" now has 2 partitions: the tail takes in partition 1']);

    await service.handlers['tail.pause']({ tailId });
    await produce(target, 'remote', 0, 10);
    target.logs.deleteRecords('remote', 0, 35);
    await until(async () => (await poll()) && notices.length >= 2, 'the deleted records');
    expect(notices[1]).toMatchObject({ kind: 'records-deleted', message: 'offsets 30 to 34 of remote-0 were deleted before they were read' });
    await service.handlers['tail.resume']({ tailId });
    await until(async () => (await poll()) && records.length >= 40, 'the records after the new start');
    expect(records.filter((record) => record.partition === 0).map((record) => record.offset).slice(30)).toEqual([35, 36, 37, 38, 39]);

    target.logs.deleteTopic('remote');
    await until(async () => (await poll()) && status?.state === 'ended', 'the tail to end');
    expect(notices.at(-1)).toMatchObject({ kind: 'topic-deleted', message: 'topic "remote" was deleted' });
  });
});
