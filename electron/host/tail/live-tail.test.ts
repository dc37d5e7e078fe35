/**
 * What a caller that polls rarely costs: its tail reads what fits its buffer, and once it is
 * behind, only what its polls take (nothing read ahead that the next poll would drop unseen);
 * every record is delivered or counted as dropped. Real broker and worker, the source wrapped to
 * count the records each read spans.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, offsetAfterBatches, startBroker } from '../../../broker-core/src/index';
import { embeddedRecordSource } from '../cluster/embedded/embedded-record-source';
import type { RecordSource } from '../cluster/record-source';
import { createTailService } from './tail-service';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('a tail whose caller polls rarely', { timeout: 60_000 }, () => {
  it('reads about what its polls take, not everything that arrives, and accounts for every record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eddy-slow-tail-'));
    const broker = await startBroker({ port: 0, dataDir });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => broker.stop());
    broker.logs.createTopic('fast', { partitions: 1 });
    const embedded = embeddedRecordSource(broker.logs);
    let read = 0;
    const counting: RecordSource = {
      ...embedded,
      async fetch(topic, partition, offset, maxBytes) {
        const fetched = await embedded.fetch(topic, partition, offset, maxBytes);
        read += offsetAfterBatches(fetched.batches, offset) - offset;
        return fetched;
      },
    };
    const service = createTailService();
    service.attach(counting);
    cleanups.push(() => service.detach());
    const { tailId } = await service.handlers['tail.start']({ topic: 'fast', partitions: null, from: { at: 'end' }, filters: [], decode: { key: 'auto', value: 'auto' }, bufferLimit: 1000 });

    let produced = 0;
    let delivered = 0;
    let dropped = 0;
    const polls = 5;
    for (let poll = 0; poll < polls; poll++) {
      for (let batch = 0; batch < 100; batch++) {
        await broker.logs.append('fast', 0, buildRecordBatch(Array.from({ length: 100 }, (_, i) => ({ value: Buffer.from(`record ${produced + i}`) }))), { acks: 1 });
        produced += 100;
      }
      // An empty answer means the tail's worker was still starting (a busy machine): ask again.
      let answer = await service.handlers['tail.poll']({ tailId, waitMs: 2000 });
      for (let retry = 0; retry < 10 && answer.records.length === 0; retry++) {
        dropped += answer.dropped;
        answer = await service.handlers['tail.poll']({ tailId, waitMs: 2000 });
      }
      expect(answer.records.length).toBeGreaterThan(0);
      expect(answer.records.at(-1)!.offset).toBeGreaterThan(produced - 1000); // among the newest
      delivered += answer.records.length;
      dropped += answer.dropped;
    }
    // Each poll found ~10,000 new records: the tail read the 1,000 it keeps for each, what filled its buffer at first, and
    // what it read ahead after the first answer (one poll cannot tell a slow caller); reading ahead after each answer would be ~9,000.
    expect(read).toBeLessThanOrEqual((polls + 2) * 1000 + 500);
    for (let more = 0; more < 10 && delivered + dropped < produced; more++) {
      const answer = await service.handlers['tail.poll']({ tailId, waitMs: 500 });
      delivered += answer.records.length;
      dropped += answer.dropped;
    }
    expect(delivered + dropped).toBe(produced);
  });
});
